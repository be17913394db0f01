import {
  CategoryScale,
  Chart as ChartJS,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartData,
  type ChartOptions,
} from "chart.js";
import { useMemo } from "react";
import { Line } from "react-chartjs-2";
import { formatScore } from "#app/components/score.tsx";
import type { ScoreChartProps } from "./score-chart.tsx";

// Only the pieces a line chart of scores needs (chart.js is tree-shaken; this module is loaded lazily).
ChartJS.register(LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend);

const POINT_STYLES = ["circle", "rect", "triangle", "rectRot", "crossRot", "star"] as const;

/** The chart itself (browser only, loaded apart by ScoreChart). */
export default function ScoreLineChart({ labels, pointTitles, series, summary, testId }: ScoreChartProps) {
  const { data, options } = useMemo(() => {
    const data: ChartData<"line", (number | null)[], string> = {
      labels,
      datasets: series.map((s, i) => ({
        label: s.label,
        data: s.values,
        borderColor: s.color,
        backgroundColor: s.color,
        borderWidth: i === 0 ? 3 : 2,
        borderDash: s.dashed ? [6, 4] : undefined,
        pointStyle: POINT_STYLES[i % POINT_STYLES.length],
        pointRadius: i === 0 ? 5 : 4,
        pointHoverRadius: 7,
        hidden: s.hidden,
        spanGaps: true,
        tension: 0.15,
      })),
    };
    const options: ChartOptions<"line"> = {
      responsive: true,
      maintainAspectRatio: false,
      // Drawn once, not animated: each animation frame redraws every series on the main thread.
      animation: false,
      interaction: { mode: "index", intersect: false },
      scales: {
        y: { min: 0, max: 100, ticks: { stepSize: 20 }, title: { display: true, text: "Score (0–100)" } },
        x: { offset: true, ticks: { autoSkip: true, maxRotation: 0 } },
      },
      plugins: {
        legend: { display: series.length > 1, position: "bottom", labels: { usePointStyle: true } },
        tooltip: {
          callbacks: {
            // The tooltip names the session: posting, attempt and date.
            title: (items) => (items[0] ? (pointTitles[items[0].dataIndex] ?? "") : ""),
            label: (item) =>
              item.parsed.y === null ? `${item.dataset.label}: not scored` : `${item.dataset.label}: ${formatScore(item.parsed.y)}`,
          },
        },
      },
    };
    return { data, options };
  }, [labels, pointTitles, series]);

  return (
    <div
      className="relative h-72 w-full"
      data-testid={testId}
      // What the chart draws and what its tooltips say, readable by tests and tools.
      data-chart={JSON.stringify({ labels, tooltips: pointTitles, datasets: series.map((s) => ({ label: s.label, data: s.values })) })}
    >
      <Line data={data} options={options} role="img" aria-label={summary} fallbackContent={<p>{summary}</p>} />
    </div>
  );
}
