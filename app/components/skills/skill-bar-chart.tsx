import {
  BarController,
  BarElement,
  CategoryScale,
  Chart as ChartJS,
  LinearScale,
  Tooltip,
  type ChartData,
  type ChartOptions,
} from "chart.js";
import { useMemo } from "react";
import { Bar } from "react-chartjs-2";
import { formatScore } from "#app/components/score.tsx";
import { SKILL_RULES } from "#app/domain/practice/skill-state.ts";
import type { SkillChartProps } from "./skill-chart.tsx";

ChartJS.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

// The state's colours (AA on white): weak, developing, strong.
const colorFor = (v: number) => (v < SKILL_RULES.weakBelow ? "#b91c1c" : v >= SKILL_RULES.strongFrom ? "#047857" : "#b45309");

/** Horizontal bars: each requirement's average score (browser only, loaded apart by SkillChart). */
export default function SkillBarChart({ labels, values, summary, testId }: SkillChartProps) {
  const reducedMotion = typeof window !== "undefined" && window.matchMedia?.("(prefers-reduced-motion: reduce)").matches;
  const { data, options } = useMemo(() => {
    const data: ChartData<"bar", (number | null)[], string> = {
      labels,
      datasets: [{ label: "Average score", data: values, backgroundColor: values.map((v) => (v === null ? "#cbd5e1" : colorFor(v))) }],
    };
    const options: ChartOptions<"bar"> = {
      indexAxis: "y",
      responsive: true,
      maintainAspectRatio: false,
      animation: reducedMotion ? false : { duration: 400 },
      scales: { x: { min: 0, max: 100, title: { display: true, text: "Average score (0–100)" } } },
      plugins: {
        tooltip: {
          callbacks: { label: (item) => (item.parsed.x === null ? "Not yet probed" : `Average: ${formatScore(item.parsed.x)}`) },
        },
      },
    };
    return { data, options };
  }, [labels, values, reducedMotion]);
  return (
    <div
      className="relative w-full"
      style={{ height: `${Math.max(12, labels.length * 2.25)}rem` }}
      data-testid={testId}
      data-chart={JSON.stringify({ labels, data: values })}
    >
      <Bar data={data} options={options} role="img" aria-label={summary} fallbackContent={<p>{summary}</p>} />
    </div>
  );
}
