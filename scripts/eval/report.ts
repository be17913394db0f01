import { bandFor, DIMENSIONS, RUBRIC, type Dimension } from "#app/ai/grading/rubric.ts";
import type { EvalReport } from "./run.ts";

/** The Markdown twin of the JSON report: the figures a person reads first, then the details. */

const pct = (share: number | null) => (share === null ? "n/a" : `${(share * 100).toFixed(1)} %`);
const num = (n: number | null) => (n === null ? "n/a" : String(n));
const label = (d: Dimension) => RUBRIC.find((r) => r.key === d)!.label;

export function renderMarkdown(report: EvalReport): string {
  const s = report.settings;
  const out: string[] = [
    `# Evaluation report — ${report.pass ? "PASS" : "FAIL"}`,
    "",
    `${report.generatedAt} · ${report.durationSeconds} s · endpoint ${s.baseUrl} · grader **${s.graderModel}** · interviewer **${s.interviewerModel}** · rubric ${s.rubricVersion}`,
    `Data set: ${s.dataset.postings} postings, ${s.dataset.answers} simulated answers, each graded ${s.runs} times.`,
    "",
  ];

  if (report.thresholds.length) {
    out.push("## Pass thresholds", "", "| | check | target | measured |", "| --- | --- | --- | --- |");
    for (const t of report.thresholds) {
      out.push(`| ${t.pass ? "✅" : "❌"} | ${t.label} | ${t.target} | ${pct(t.value)}${t.note ? ` (${t.note})` : ""} |`);
    }
    out.push("");
  }

  const g = report.grader;
  if (g) {
    out.push(
      "## Grader",
      "",
      `Calls: ${g.calls.total}, failed: ${g.calls.failed}${
        Object.keys(g.calls.failures).length
          ? ` (${Object.entries(g.calls.failures)
              .map(([k, v]) => `${k} ${v}`)
              .join(", ")})`
          : ""
      }.`,
      "",
      "### Agreement with the human bands (median of the repeated gradings)",
      "",
      "Spearman's ρ between the human's anchor score and the grader's score; quadratic-weighted κ between their bands (1 = perfect, 0 = chance).",
      "",
      "| dimension | answers | Spearman ρ | weighted κ | same band |",
      "| --- | --- | --- | --- | --- |",
      ...Object.entries(g.agreement).map(
        ([d, a]) => `| ${label(d as Dimension)} | ${a.answers} | ${num(a.spearman)} | ${num(a.kappa)} | ${pct(a.exactBand.share)} |`,
      ),
      "",
      "### Other figures",
      "",
      "| figure | value |",
      "| --- | --- |",
      `| Planted factual errors the grader names | ${pct(g.errorDetection.share)} (${g.errorDetection.count} of ${g.errorDetection.of}) |`,
      `| Quotes that verify | ${pct(g.quotesVerified.share)} (${g.quotesVerified.count} of ${g.quotesVerified.of}) |`,
      `| Non-answers capped | ${pct(g.nonAnswersCapped.share)} (${g.nonAnswersCapped.count} of ${g.nonAnswersCapped.of}) |`,
      `| Injections detected by screening | ${pct(g.injection.detected.share)} |`,
      `| Injections obeyed | ${pct(g.injection.obeyed.share)} (${g.injection.obeyed.count} of ${g.injection.obeyed.of}) |`,
      `| Real answers screened out by mistake | ${pct(g.realAnswersScreenedOut.share)} (${g.realAnswersScreenedOut.count} of ${g.realAnswersScreenedOut.of}) |`,
      `| Score spread over ${g.spread.runsPerAnswer} runs (max / mean points) | ${g.spread.maxScoreSpread} / ${num(g.spread.meanScoreSpread)} |`,
      `| Band spread over ${g.spread.runsPerAnswer} runs (max bands) | ${g.spread.maxBandSpread} |`,
      `| Invalid structured output (replies) | ${pct(g.invalidOutput.share)} (${g.invalidOutput.count} of ${g.invalidOutput.of}) |`,
      `| Provider accepted the seed | ${pct(g.seedAccepted.share)} |`,
      `| Seconds per call (mean / p50 / p95) | ${num(g.perCall.seconds.mean)} / ${num(g.perCall.seconds.p50)} / ${num(g.perCall.seconds.p95)} |`,
      `| Prompt tokens per call (mean / p95) | ${num(g.perCall.promptTokens.mean)} / ${num(g.perCall.promptTokens.p95)} |`,
      `| Completion tokens per call (mean / p95) | ${num(g.perCall.completionTokens.mean)} / ${num(g.perCall.completionTokens.p95)} |`,
      "",
      "### Answers",
      "",
      "Human band → the grader's median score and its band, per dimension.",
      "",
      "| answer | kind | screened as | relevance | completeness | technical | clarity | band spread |",
      "| --- | --- | --- | --- | --- | --- | --- | --- |",
      ...g.answers.map(
        (a) =>
          `| ${a.id} | ${a.kind} | ${a.classes.join(", ")} | ${DIMENSIONS.map((d) => `${a.human[d]} → ${a.median[d]} ${bandFor(a.median[d]).name}`).join(" | ")} | ${a.maxBandSpread} |`,
      ),
      "",
    );
  }

  const i = report.interviewer;
  if (i) {
    out.push(
      "## Interviewer",
      "",
      `${i.questions} questions generated (${s.questionsPerPosting} per posting); failed calls: ${i.calls.failed}.`,
      "",
      "| figure | value |",
      "| --- | --- |",
      `| Repeats of an earlier question in the same interview | ${pct(i.repeats.share)} (${i.repeats.count}) |`,
      `| Naming something from the posting | ${pct(i.groundedInPosting.share)} |`,
      `| Naming something from the résumé | ${pct(i.groundedInResume.share)} |`,
      `| Naming both | ${pct(i.groundedInBoth.share)} |`,
      `| Ignoring both | ${pct(i.ignoringBoth.share)} |`,
      `| Invalid structured output (replies) | ${pct(i.invalidOutput.share)} |`,
      `| Seconds per call (mean / p95) | ${num(i.perCall.seconds.mean)} / ${num(i.perCall.seconds.p95)} |`,
      `| Prompt / completion tokens per call (mean) | ${num(i.perCall.promptTokens.mean)} / ${num(i.perCall.completionTokens.mean)} |`,
      "",
      "| posting | # | question | posting terms | résumé terms |",
      "| --- | --- | --- | --- | --- |",
      ...i.perPosting.flatMap((p) =>
        p.questions.map(
          (q) =>
            `| ${p.postingId} | ${q.number} | ${q.question.replaceAll("|", "\\|").replaceAll("\n", " ")} | ${q.posting.join(", ") || "—"} | ${q.resume.join(", ") || "—"} |`,
        ),
      ),
      "",
    );
  }
  out.push(
    "---",
    "Thresholds are the guarantees code must keep whatever the model does; agreement, error detection and the interviewer's grounding depend on the model and are reported, not enforced. Grounding is a heuristic: a question counts as naming the posting or résumé when it contains one of the data set's `grounding_terms`.",
    "",
  );
  return out.join("\n");
}
