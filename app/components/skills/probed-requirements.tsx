/** Which skill-map requirements a question practises (issue 19: "Weakest skills first" records them). */
export function ProbedRequirements({ requirements }: { requirements: ReadonlyArray<{ id: string; name: string }> }) {
  if (!requirements.length) return null;
  return (
    <span className="badge bg-emerald-50 text-emerald-900" data-testid="probed-requirements">
      Practises: {requirements.map((r) => r.name).join(", ")}
    </span>
  );
}
