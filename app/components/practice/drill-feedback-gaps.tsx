import { Form } from "react-router";

/**
 * "Drill this" on each knowledge gap of an interview's feedback (issue 19):
 * a plain form per gap, so it works without JavaScript; the page's action
 * starts a 3-question drill on that gap and opens it.
 */
export function DrillFeedbackGaps({ gaps }: { gaps: readonly string[] }) {
  return (
    <div className="no-print text-sm" data-testid="drill-feedback-gaps">
      <p className="font-medium">Practise a gap: 3 questions on it, with feedback after each answer.</p>
      <ul className="mt-1 flex flex-wrap gap-2">
        {gaps.map((gap) => (
          <li key={gap}>
            <Form method="post">
              <input type="hidden" name="intent" value="drill-gap" />
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
