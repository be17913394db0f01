import { reactRouter } from "@react-router/dev/vite";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vite";

export default defineConfig({
  environments: {
    // The server build's entry is our Express app, so the web process is one
    // bundle: the app, its models and the HTTP middleware share one module graph.
    ssr: { build: { rollupOptions: { input: "./app/server/app.ts" } } },
  },
  plugins: [tailwindcss(), reactRouter()],
});
