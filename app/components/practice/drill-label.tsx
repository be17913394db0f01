/** "Drill" (or "Review", for a review drill) next to a session that is not an interview (issue 19). */
export function DrillLabel({ review }: { review: boolean }) {
  return (
    <span className="badge bg-indigo-100 text-indigo-900" data-testid="drill-label">
      {review ? "Review" : "Drill"}
    </span>
  );
}
