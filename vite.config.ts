import { reactRouter } from "@react-router/dev/vite";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vite";

export default defineConfig({
  environments: {
    // The server build's entry is our Express app, so the web process is one
    // bundle: the app, its models and the HTTP middleware share one module graph.
    ssr: { build: { rollupOptions: { input: "./app/server/app.ts" } } },
  },
  resolve: {
    // @conform-to/zod/v4 builds its coercion wrappers (lazy, optional, pipe, transform) with classic
    // zod, which brings all of classic zod into every form page; zod/mini's functions of the same name
    // build the same schemas (docs/decisions/0012). Exactly "zod/v4": "zod/v4/core" stays as it is.
    alias: [{ find: /^zod\/v4$/, replacement: "zod/mini" }],
  },
  plugins: [tailwindcss(), reactRouter()],
});
