import { PassThrough } from "node:stream";
import { createElement } from "react";
import { renderToPipeableStream, renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { lazyComponent } from "./lazy-component.ts";

const Greeting = ({ name }: { name: string }) => createElement("p", null, `Hello, ${name}`);

/** What the server sends a browser (onShellReady, as entry.server.tsx), whole. */
function renderPage(element: React.ReactElement) {
  return new Promise<string>((resolve, reject) => {
    let html = "";
    const body = new PassThrough();
    body.on("data", (chunk: Buffer) => (html += chunk.toString()));
    body.on("end", () => resolve(html));
    const { pipe } = renderToPipeableStream(element, { onShellReady: () => pipe(body), onShellError: reject });
  });
}

describe("lazyComponent", () => {
  it("once preloaded, a new mount renders the component without suspending at all", async () => {
    const loader = lazyComponent(
      async () => ({ Greeting }),
      (m) => m.Greeting,
    );
    const element = createElement(loader.Component, { fallback: "LOADING", name: "Ada" });
    expect(renderToString(element), "not loaded yet: the fallback").toContain("LOADING");
    await loader.preload();
    // renderToString waits for nothing: a component that suspended would come out as its fallback.
    const html = renderToString(createElement(loader.Component, { fallback: "LOADING", name: "Ada" }));
    expect(html).toContain("Hello, Ada");
    expect(html).not.toContain("LOADING");
  });

  it("the server sends it in place once preloaded, not as a boundary streamed later", async () => {
    const loader = lazyComponent(
      async () => ({ Greeting }),
      (m) => m.Greeting,
    );
    await loader.preload();
    const html = await renderPage(createElement(loader.Component, { fallback: "LOADING", name: "Ada" }));
    expect(html).toContain("Hello, Ada");
    expect(html).not.toContain("LOADING");
    expect(html).not.toContain("<template");
  });

  it("fetches once for any number of preloads and renders", async () => {
    let loads = 0;
    const loader = lazyComponent(
      async () => (loads++, { Greeting }),
      (m) => m.Greeting,
    );
    await Promise.all([loader.preload(), loader.preload()]);
    await renderPage(createElement(loader.Component, { fallback: null, name: "Ada" }));
    expect(loads).toBe(1);
  });

  it("does not remember a failed fetch: the next preload fetches again", async () => {
    let loads = 0;
    const loader = lazyComponent(
      async () => {
        loads++;
        if (loads === 1) throw new Error("network down");
        return { Greeting };
      },
      (m) => m.Greeting,
    );
    await expect(loader.preload()).rejects.toThrow("network down");
    await expect(loader.preload()).resolves.toEqual({ default: Greeting });
    expect(loads).toBe(2);
  });

  it("a module without the component is a failure, not a component that renders nothing", async () => {
    const loader = lazyComponent(
      async () => ({}) as { Greeting?: typeof Greeting },
      (m) => m.Greeting,
    );
    await expect(loader.preload()).rejects.toThrow("does not have the component");
  });
});
