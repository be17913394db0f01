import { createElement, lazy, memo, Suspense, useState, type ComponentType, type ReactNode } from "react";

/**
 * A component whose code the browser fetches only when a page shows it.
 * `Component` renders it in its own <Suspense> with the `fallback` given;
 * put it inside a PanelBoundary. Beyond React.lazy:
 *
 * - `preload()` starts the fetch before React reaches the component: ahead of
 *   hydration, or in a loader, so that the page is rendered with the
 *   component whole. Once the code is here, a new mount renders it directly,
 *   with no lazy wrapper to suspend on: the server's first render in a
 *   process sends it in place, and a component mounted later in the browser
 *   shows no fallback.
 * - A failed fetch is not remembered. React.lazy would rethrow it forever;
 *   here the next mount (PanelBoundary's "Try again") fetches again. Some
 *   browsers (Chromium 150, for one) also keep a failed fetch in their module
 *   map and fail every later import of that URL, so the retry asks for the
 *   chunk the error named under a fresh URL. That cures a failed download of
 *   the chunk itself, not of a chunk it imports.
 *
 * `load` must call import() with a literal path, so that the bundler makes the chunk.
 * `fallback` should be the same element from render to render (a constant):
 * `Component` is memoised so that a re-render of the page while the server's
 * HTML of it still waits for its code does not make React drop that HTML.
 */
export function lazyComponent<M, P extends object>(load: () => Promise<M>, pick: (module: M) => ComponentType<P> | undefined) {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<{ default: ComponentType<P> }> | null = null;
  let failedUrl: string | null = null;

  function preload() {
    pending ??= fetchComponent();
    return pending;
  }

  async function fetchComponent() {
    try {
      const module = failedUrl ? ((await import(/* @vite-ignore */ `${failedUrl}?retry=${Date.now()}`)) as M) : await load();
      const component = pick(module);
      if (!component) throw new Error("The loaded module does not have the component.");
      loaded = component;
      return { default: component };
    } catch (error) {
      failedUrl = (error instanceof Error && error.message.match(/https?:\/\/\S+?\/assets\/\S+?\.js\b/)?.[0]) || failedUrl;
      pending = null;
      throw error;
    }
  }

  /**
   * The Suspense boundary is inside, and the component to render is chosen once per mount, above it:
   * React's retries of the boundary meet the same lazy component (so a failure reaches the
   * PanelBoundary), while a remount ("Try again", the next question) chooses afresh.
   */
  function LazyComponent({ fallback, ...props }: P & { fallback: ReactNode }) {
    const [type] = useState<ComponentType<P>>(() => loaded ?? lazy(preload));
    return createElement(Suspense, { fallback }, createElement(type, props as P));
  }

  return { preload, Component: memo(LazyComponent) };
}
