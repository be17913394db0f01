import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// One ESLint for every case: loading eslint.config.js (typescript-eslint, the plugins) is the slow part,
// several seconds on a busy machine, so the first case gets the time it needs (below) and the rest reuse it.
const eslint = new ESLint();

/** The folder rules of eslint.config.js, applied to one import written in a file of the given folder. */
async function refusal(filePath: string, importLine: string) {
  const [result] = await eslint.lintText(`${importLine}\nexport type Used = typeof used;\n`, { filePath });
  return result!.messages.find((m) => m.ruleId === "no-restricted-imports")?.message ?? null;
}

describe("import boundaries are lint errors", { timeout: 60_000 }, () => {
  it.each([
    ["app/utils/example.ts", 'import { used } from "#app/models/interview.server.ts";'],
    ["app/utils/example.ts", 'import { used } from "../api/interview-json.server.ts";'],
    ["app/utils/example.ts", 'import { used } from "#app/forms/account-forms.ts";'],
    ["app/models/example.server.ts", 'import { used } from "#app/api/interview-json.server.ts";'],
    ["app/models/example.server.ts", 'import { used } from "#app/routes/interviews.tsx";'],
    ["app/models/example.server.ts", 'import { used } from "#app/components/score.tsx";'],
    ["app/components/example.tsx", 'import { used } from "#app/models/interview-view.server.ts";'],
    ["app/components/example.tsx", 'import { used } from "#app/utils/db.server.ts";'],
    ["app/forms/example.ts", 'import { used } from "#app/utils/env.server.ts";'],
    ["app/forms/example.ts", 'import { z as used } from "zod";'],
    ["app/costs/prices.ts", 'import { z as used } from "zod/v4";'],
    ["app/domain/example.ts", 'import { used } from "#app/models/interview.server.ts";'],
    ["app/ai/example.ts", 'import { used } from "#app/models/ai-provider.server.ts";'],
    ["worker/jobs/example.ts", 'import { used } from "#app/routes/interviews.$id.tsx";'],
    ["worker/jobs/example.ts", 'import { used } from "../../app/routes/home.tsx";'],
  ])("%s may not say %s", async (file, line) => {
    expect(await refusal(file, line)).toMatch(/restricted/);
  });

  it.each([
    ["app/routes/example.tsx", 'import { used } from "#app/models/interview.server.ts";'],
    ["app/api/example.server.ts", 'import { used } from "#app/models/interview.server.ts";'],
    ["app/models/example.server.ts", 'import { used } from "#app/utils/db.server.ts";'],
    ["app/components/example.tsx", 'import type { used } from "#app/models/interview-view.server.ts";'],
    ["app/components/example.tsx", 'import { used } from "#app/domain/progress.ts";'],
    ["app/forms/example.ts", 'import { used } from "#app/domain/interview-rules.ts";'],
    ["app/forms/example.ts", 'import { z as used } from "./zod.ts";'],
    ["app/api/example.ts", 'import { z as used } from "zod";'],
    ["worker/jobs/example.ts", 'import { used } from "#app/models/ai-results.server.ts";'],
  ])("%s may say %s", async (file, line) => {
    expect(await refusal(file, line)).toBeNull();
  });
});
