import { lazy, Suspense, useState } from "react";
import { ClientOnly } from "remix-utils/client-only";

export type SkillChartProps = {
  /** One bar per requirement. */
  labels: string[];
  /** The requirement's average score; null while not yet probed (no bar). */
  values: (number | null)[];
  /** One sentence for screen readers; the page's table carries the numbers. */
  summary: string;
  testId?: string;
};

// chart.js loads only on the page that draws it, and only in the browser.
const loadBarChart = () => import("./skill-bar-chart.tsx");

/** The skill map as bars (drawn once JavaScript runs; without it the table above says the same). */
export function SkillChart(props: SkillChartProps) {
  const [BarChart] = useState(() => lazy(loadBarChart));
  return (
    <ClientOnly fallback={<div aria-hidden="true" className="h-72 [@media(scripting:none)]:hidden" />}>
      {() => (
        <Suspense
          fallback={
            <div className="flex h-72 items-center justify-center rounded-md bg-slate-50 text-sm text-slate-600" role="status">
              Drawing the chart…
            </div>
          }
        >
          <BarChart {...props} />
        </Suspense>
      )}
    </ClientOnly>
  );
}
