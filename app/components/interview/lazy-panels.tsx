import { lazy, memo, Suspense, type ComponentType } from "react";
import { PanelBoundary } from "#app/components/panel-boundary.tsx";

/**
 * The interview page's panels that its first paint does not need, each loaded
 * apart from the page's own script (issue 16: ≤ 150 KB gzip of first-load
 * script on every page; docs/decisions/0013). The answer box brings conform
 * and zod (~37 KB gzip), the feedback card the grading texts. Same names and
 * props as the components, so the page only imports them from here. The voice
 * panel is not one of them: its recorder, drawn once the page hydrates, is the
 * page's largest paint (Lighthouse's LCP), ~0.5 s later when loaded apart.
 *
 * - On the server they render in place: `entry.server.tsx` sends a page once
 *   all of it is rendered, in document order, so a browser without JavaScript
 *   gets every form and text (React.lazy suspends once on each server process's
 *   first render).
 * - In the browser the server's HTML stays on screen while the panel's code
 *   arrives, and React hydrates it then. Memoised: a re-render of the page in
 *   that moment (the live-events hook connecting, say) would otherwise make
 *   React drop the server's HTML — and whatever was typed in the answer box —
 *   and show the (empty) fallback until the code is here.
 * - A client-side navigation shows nothing in the panel's place for the moment
 *   its code takes; a failed download is the PanelBoundary's ("Try again" reloads).
 */
function lazyPanel<P extends object>(what: string, load: () => Promise<ComponentType<P>>) {
  const Panel = lazy(async () => ({ default: await load() }));
  const LazyPanel = (props: P) => (
    <PanelBoundary what={what}>
      <Suspense fallback={null}>
        <Panel {...props} />
      </Suspense>
    </PanelBoundary>
  );
  return memo(LazyPanel, sameProps);
}

/**
 * Props equal one level deep: an array or object literal written in the page's render (`gaps ?? []`) is a
 * new value each time but the same props. Anything else is compared by identity, as React.memo does.
 */
function sameProps<P extends object>(before: P, after: P) {
  const keys = Object.keys(before) as Array<keyof P>;
  return keys.length === Object.keys(after).length && keys.every((key) => sameValue(before[key], after[key]));
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => Object.is(item, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.is(a[key], b[key]));
  }
  return false;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && [Object.prototype, null].includes(Object.getPrototypeOf(value));

export const AnswerForm = lazyPanel("your answer box", () => import("./answer-form.tsx").then((m) => m.AnswerForm));
export const EvaluationCard = lazyPanel("the feedback on this answer", () => import("./evaluation-card.tsx").then((m) => m.EvaluationCard));
export const DeliveryCard = lazyPanel("how you spoke", () => import("#app/components/voice/delivery-card.tsx").then((m) => m.DeliveryCard));
