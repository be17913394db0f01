/**
 * Take one interview along: its debrief as a Markdown file (optionally
 * without personal details), and as a PDF through the browser's own print
 * dialog — the page has a print stylesheet. Plain links: no JavaScript needed.
 */
export function DebriefDownloads({ sessionId }: { sessionId: string }) {
  const href = `/interviews/${sessionId}/debrief.md`;
  return (
    <p className="no-print flex flex-wrap gap-x-4 gap-y-1 text-sm" data-testid="debrief-downloads">
      <a href={href} download>
        Download as Markdown
      </a>
      <a href={`${href}?redact=1`} download>
        Markdown without personal details
      </a>
      <span className="text-slate-600">For a PDF, print this page (Ctrl+P or ⌘P) and choose “Save as PDF”.</span>
    </p>
  );
}
