import type { ReactNode } from "react";

/**
 * Where a table may be wider than the screen (a phone, a column per attempt),
 * it scrolls sideways inside this region instead of the page. The region is
 * named by the table's caption and can take focus, so a keyboard user can
 * scroll it with the arrow keys (WCAG 2.1.1; axe's scrollable-region-focusable).
 * `relative` makes it the containing block of the table's absolutely
 * positioned pieces (the `sr-only` texts): otherwise they are laid out
 * against the page, escape the scroll and widen the page after all.
 */
export function TableRegion({ captionId, children, className = "" }: { captionId: string; children: ReactNode; className?: string }) {
  return (
    <div role="region" aria-labelledby={captionId} tabIndex={0} className={`relative overflow-x-auto ${className}`}>
      {children}
    </div>
  );
}
