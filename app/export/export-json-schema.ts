import { z } from "zod";
import { AccountExport, EXPORT_VERSION } from "./account-export.ts";

/**
 * The account export's JSON Schema (draft 2020-12), generated from the zod
 * schema so the two cannot drift. The links between records (an answer's
 * question, an evaluation's answer) are checked by the importer in code; JSON
 * Schema cannot say them.
 */
export function exportJsonSchema(): string {
  // "input": what an importer accepts — fields a later version adds are allowed (and ignored), not refused.
  const schema = z.toJSONSchema(AccountExport, { target: "draft-2020-12", io: "input", unrepresentable: "throw" });
  return JSON.stringify({ ...schema, title: `ai-interviewer account export, version ${EXPORT_VERSION}` });
}
