import { createElement, lazy, Suspense, type ComponentType, type LazyExoticComponent, type ReactNode } from "react";

type Loaded<P> = { default: ComponentType<P> };

/**
 * A component whose code the browser fetches only when a page shows it.
 * `Component` renders it in its own <Suspense> with the `fallback` given;
 * put it inside a PanelBoundary. Beyond React.lazy:
 *
 * - `preload()` starts the fetch before React reaches the component: ahead of
 *   hydration, or in a loader or clientLoader, so that the page is rendered
 *   with the component whole, never with its fallback.
 * - A failed fetch is not remembered. React.lazy would rethrow it forever;
 *   here the next render (PanelBoundary's "Try again" remounts it) fetches
 *   again. Some browsers (Chromium 150, for one) also keep a failed fetch in
 *   their module map and fail every later import of that URL, so the retry
 *   asks for the chunk the error named under a fresh URL. That cures a failed
 *   download of the chunk itself, not of a chunk it imports.
 *
 * `load` must be a literal `import("…")`, so the bundler makes the chunk.
 */
export function lazyComponent<M, P extends object>(load: () => Promise<M>, pick: (module: M) => ComponentType<P>) {
  let pending: Promise<Loaded<P>> | null = null;
  let current: LazyExoticComponent<ComponentType<P>> | null = null;
  let failedUrl: string | null = null;

  function preload() {
    pending ??= (failedUrl ? (import(/* @vite-ignore */ `${failedUrl}?retry=${Date.now()}`) as Promise<M>) : load()).then(
      (module) => ({ default: pick(module) }),
      (error: unknown) => {
        failedUrl = (error instanceof Error && error.message.match(/https?:\/\/\S+?\.js\b/)?.[0]) || failedUrl;
        pending = null;
        current = null;
        throw error;
      },
    );
    return pending;
  }

  function lazyNow() {
    current ??= lazy(preload);
    return current;
  }

  /**
   * The Suspense boundary is inside, the choice of lazy component above it: React's retries of the
   * boundary meet the same lazy component (so a failure reaches the PanelBoundary), while a remount,
   * "Try again", picks a new one after a failure.
   */
  function Component({ fallback, ...props }: P & { fallback: ReactNode }) {
    return createElement(Suspense, { fallback }, createElement(lazyNow(), props as P));
  }

  return { preload, Component };
}
