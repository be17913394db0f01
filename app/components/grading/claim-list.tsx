import type { ClaimSection, FeedbackClaim } from "#app/models/debrief-claims.server.ts";

/**
 * The debrief's claims for one section, each with the questions it rests on
 * (linked to that question further down the page). A claim whose citations did
 * not check out is set apart as unverified, never shown as a finding.
 */
export function ClaimList({ claims, section }: { claims: FeedbackClaim[]; section: ClaimSection }) {
  const mine = claims.filter((c) => c.section === section);
  if (!mine.length) return null;
  return (
    <ul className="list-disc space-y-1 pl-5 text-sm text-slate-800" data-testid={`claims-${section}`}>
      {mine.map((c, i) =>
        c.verified ? (
          <li key={i}>
            {c.claim}{" "}
            <span className="text-slate-600">
              (
              {c.questions.map((n, j) => (
                <span key={n}>
                  {j ? ", " : ""}
                  <a href={`#q${n}-heading`}>Q{n}</a>
                </span>
              ))}
              )
            </span>
          </li>
        ) : (
          <li key={i} className="text-slate-600">
            <span className="badge bg-slate-200 text-slate-800">Unverified</span> {c.claim}{" "}
            <span className="italic">
              {c.questions.length ? "(also cites a question this interview does not have)" : "(cites no question of this interview)"}
            </span>
          </li>
        ),
      )}
    </ul>
  );
}
