import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

// Which folder may import which (README, "Where things live"). An import of another folder is spelled
// "#app/models/x.ts" or, rarely, "../models/x.ts"; both are caught.
const folder = (...names) => ({ regex: `^(#app/|(\\.\\./)+(app/)?)(${names.join("|")})/` });
const serverModule = { regex: "\\.server(\\.tsx?)?$" };
// Classic zod's methods bring all of it into a page's first load; mini keeps what is used (docs/decisions/0012).
const classicZod = { regex: "^zod(/v4)?$", message: 'Schemas that reach the browser use zod/mini: import { z } from "#app/forms/zod.ts".' };

/** Files in `files` may not import what `patterns` match (type-only imports too, unless `allowTypeImports`). */
function boundary(files, why, patterns) {
  return {
    files,
    rules: { "no-restricted-imports": ["error", { patterns: patterns.map((pattern) => ({ message: why, ...pattern })) }] },
  };
}

export default tseslint.config(
  { ignores: ["build*/", ".react-router/", "app/generated/", ".data/", "test-results/", "playwright-report/", "bench-results/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-console": "off",
    },
  },
  boundary(["app/utils/**"], "utils/ is plumbing: it imports nothing of the app's domain, forms, API or screens.", [
    folder("models", "domain", "forms", "ai", "api", "routes", "components", "server"),
  ]),
  boundary(["app/domain/**"], "domain/ is pure and client-safe: constants and arithmetic, no I/O.", [
    folder("models", "forms", "ai", "api", "routes", "components", "server"),
    serverModule,
  ]),
  boundary(["app/forms/**"], "forms/ runs in the browser too: schemas and field rules only.", [
    folder("models", "ai", "api", "routes", "components", "server"),
    serverModule,
    classicZod,
  ]),
  boundary(["app/costs/prices.ts"], "The price schemas are in the Settings page's bundle.", [classicZod]),
  boundary(["app/models/**"], "Models return domain values: they know nothing of the JSON API, routes or screens.", [
    folder("api", "routes", "components", "server"),
  ]),
  boundary(["app/ai/**"], "ai/ talks to the AI provider; the models call it, not the other way round.", [
    folder("models", "api", "routes", "components", "server"),
  ]),
  boundary(["app/api/**"], "api/ presents models as JSON; routes call it.", [folder("routes", "components", "server")]),
  boundary(["app/components/**"], "Components run in the browser: models' types only (import type), no server code.", [
    { ...folder("models"), allowTypeImports: true },
    { ...serverModule, allowTypeImports: true },
    folder("api", "routes", "server"),
  ]),
  boundary(["worker/**"], "The worker goes through models, never through routes or screens.", [
    folder("routes", "components", "api", "server"),
  ]),
);
