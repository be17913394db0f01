import { Form } from "react-router";

/**
 * "Drill this" on knowledge gaps (issue 19): a plain form per gap, so it works without JavaScript; the
 * page's action starts a 3-question drill on that gap and opens it. `fields` says which gaps these are —
 * one answer's (`intent: "drill"` with its `answerId`) or the interview feedback's (`intent: "drill-gap"`).
 */
export function DrillGaps({ gaps, fields, testId }: { gaps: readonly string[]; fields: Record<string, string>; testId: string }) {
  return (
    <div className="no-print text-sm" data-testid={testId}>
      <p className="font-medium">Practise a gap: 3 questions on it, with feedback after each answer.</p>
      <ul className="mt-1 flex flex-wrap gap-2">
        {gaps.map((gap) => (
          <li key={gap}>
            <Form method="post">
              {Object.entries(fields).map(([name, value]) => (
                <input key={name} type="hidden" name={name} value={value} />
              ))}
              <input type="hidden" name="gap" value={gap} />
              <button type="submit" className="btn-secondary py-1 text-sm">
                Drill this<span className="sr-only">:</span> {gap}
              </button>
            </Form>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The interview feedback's own knowledge gaps, each with "Drill this". */
export function DrillFeedbackGaps({ gaps }: { gaps: readonly string[] }) {
  return <DrillGaps gaps={gaps} fields={{ intent: "drill-gap" }} testId="drill-feedback-gaps" />;
}
