import { lazy, Suspense, useEffect, useRef, useState, type ReactElement, type ReactNode } from "react";
import { ClientOnly } from "remix-utils/client-only";

export type ChartSeries = {
  label: string;
  values: (number | null)[];
  color: string;
  dashed?: boolean;
  /** Listed in the legend but not drawn until clicked. */
  hidden?: boolean;
};

export type ScoreChartProps = {
  /** Short x-axis labels, one per point. */
  labels: string[];
  /** The tooltip title of each point: which session it is. */
  pointTitles: string[];
  series: ChartSeries[];
  /** One sentence for screen readers; the page's table carries the numbers. */
  summary: string;
  testId?: string;
};

// chart.js and react-chartjs-2 load only on pages that draw a chart, and only in the browser.
const loadLineChart = () => import("./score-line-chart.tsx");

const drawing = (
  <div className="flex h-72 items-center justify-center rounded-md bg-slate-50 text-sm text-slate-600" role="status">
    Drawing the chart…
  </div>
);

/**
 * A line chart of scores (0–100), drawn once JavaScript runs and its place
 * comes near the screen. Without JavaScript nothing is drawn: every page that
 * charts shows the same numbers in an accessible table next to it.
 */
export function ScoreChart(props: ScoreChartProps) {
  // One lazy component per mount: after a failed download, PanelBoundary's "Try again" fetches afresh.
  const [LineChart] = useState(() => lazy(loadLineChart));
  return (
    // Until hydration the chart's place is held, so the page does not jump when it appears (layout shift);
    // where scripting is off nothing will be drawn, so the placeholder takes no room there.
    <ClientOnly fallback={<div aria-hidden="true" className="h-72 [@media(scripting:none)]:hidden" />}>
      {() => (
        <WhenNearScreen placeholder={<div aria-hidden="true" className="h-72" />}>
          <Suspense fallback={drawing}>
            <LineChart {...props} />
          </Suspense>
        </WhenNearScreen>
      )}
    </ClientOnly>
  );
}

/**
 * Its children once its place is within 200 px of the viewport (then for good). A chart below
 * the fold costs nothing while the page loads — chart.js's download, parsing and first draw are the one
 * long task of the charting pages (Lighthouse mobile, docs/performance.md §4) — and is drawn as you
 * scroll towards it.
 */
function WhenNearScreen({ placeholder, children }: { placeholder: ReactElement; children: ReactNode }) {
  const place = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(false);
  useEffect(() => {
    const element = place.current;
    if (near || !element) return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setNear(true), {
      rootMargin: "200px 0px",
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [near]);
  return near ? children : <div ref={place}>{placeholder}</div>;
}

/** Line colours (AA contrast on white) for the overall score and the four dimensions. */
export const SERIES_COLORS = {
  overall: "#4338ca",
  technicalAccuracy: "#0f766e",
  communicationClarity: "#b45309",
  problemSolving: "#a21caf",
  relevance: "#0369a1",
} as const;
