/**
 * `npm run export-schema` — writes docs/export-schema.json, the JSON Schema of
 * the account export (app/export/account-export.ts), for people and tools
 * that read export files. A unit test fails when the file is out of date.
 */
import fs from "node:fs";
import path from "node:path";
import prettier from "prettier";
import { exportJsonSchema } from "../app/export/export-json-schema.ts";

const target = path.join(import.meta.dirname, "..", "docs", "export-schema.json");
// Formatted the way `npm run lint` checks it.
const options = await prettier.resolveConfig(target);
fs.writeFileSync(target, await prettier.format(exportJsonSchema(), { ...options, filepath: target }));
console.log(`Wrote ${path.relative(process.cwd(), target)}`);
