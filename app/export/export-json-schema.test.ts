import fs from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { exportJsonSchema } from "./export-json-schema.ts";

test("docs/export-schema.json is the JSON Schema of the export as the code defines it (npm run export-schema)", () => {
  const committed = fs.readFileSync(path.join(import.meta.dirname, "..", "..", "docs", "export-schema.json"), "utf8");
  expect(JSON.parse(committed)).toEqual(JSON.parse(exportJsonSchema()));
});
