import { DateText } from "#app/components/date-text.tsx";

/** "Your answer · when it was sent", above an answer on a finished interview's transcript and on the feedback page. */
export function AnswerHeading({ sentAt }: { sentAt: Date }) {
  return (
    <p className="text-sm font-semibold">
      Your answer{" "}
      <span className="font-normal text-slate-600">
        · <DateText date={sentAt} withTime />
      </span>
    </p>
  );
}
