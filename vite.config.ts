import { fileURLToPath } from "node:url";
import { reactRouter } from "@react-router/dev/vite";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vite";
import { precompressAssets } from "./scripts/build/precompress-assets.ts";

const reactRouterProduction = (file: string) =>
  fileURLToPath(new URL(`node_modules/react-router/dist/production/${file}`, import.meta.url));

// Both the alias and the plugin below rely on React Router building the browser and the server bundle
// as two separate Vite builds (isSsrBuild tells them apart). With its future Vite Environment API flag
// on, this config would run once for both and they would reach the server bundle too.
export default defineConfig(({ isSsrBuild, command }) => ({
  // The server build's entry is our Express app, so the web process is one
  // bundle: the app, its models and the HTTP middleware share one module graph.
  build: isSsrBuild ? { rollupOptions: { input: "./app/server/app.ts" } } : undefined,
  resolve:
    command === "build" && !isSsrBuild
      ? {
          // react-router's package exports name its development build under every condition; the
          // browser's production bundle takes the production one (no dev-only warnings and checks).
          alias: [
            { find: /^react-router$/, replacement: reactRouterProduction("index.mjs") },
            { find: /^react-router\/dom$/, replacement: reactRouterProduction("dom-export.mjs") },
          ],
        }
      : undefined,
  // The browser's scripts and styles are compressed once here, not on every request.
  plugins: [tailwindcss(), reactRouter(), isSsrBuild ? null : precompressAssets()],
}));
