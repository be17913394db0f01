import { lazyComponent } from "#app/components/lazy-component.ts";
import { useHydrated } from "#app/components/use-hydrated.ts";

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
const lineChart = lazyComponent(
  () => import("./score-line-chart.tsx"),
  (m) => m.default,
);

const drawing = (
  <div className="flex h-72 items-center justify-center rounded-md bg-slate-50 text-sm text-slate-600" role="status">
    Drawing the chart…
  </div>
);

/**
 * A line chart of scores (0–100), drawn once JavaScript runs. Without
 * JavaScript nothing is drawn: every page that charts shows the same numbers
 * in an accessible table next to it.
 */
export function ScoreChart(props: ScoreChartProps) {
  const hydrated = useHydrated();
  // Until hydration, hold the chart's place so the page does not jump when it appears (layout shift);
  // where scripting is off nothing will be drawn, so the placeholder takes no room there.
  if (!hydrated) return <div aria-hidden="true" className="h-72 [@media(scripting:none)]:hidden" />;
  return <lineChart.Component fallback={drawing} {...props} />;
}

/** Line colours (AA contrast on white) for the overall score and the four dimensions. */
export const SERIES_COLORS = {
  overall: "#4338ca",
  technicalAccuracy: "#0f766e",
  communicationClarity: "#b45309",
  problemSolving: "#a21caf",
  relevance: "#0369a1",
} as const;
