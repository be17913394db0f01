import type { AiSettings } from "#app/ai/client.server.ts";
import type { PostingContext } from "#app/ai/prompts.ts";
import { generateStructured } from "#app/ai/structured.server.ts";
import {
  checkRequirements,
  postingLines,
  requirementMessages,
  requirementsProblem,
  RequirementsOutput,
  REQUIREMENTS_SCHEMA_NAME,
} from "./requirements.ts";

/**
 * The requirements of a posting, checked: each cites the posting lines that
 * state it, duplicates merged, at most 15. A reply where most items cite no
 * real line is sent back once with a note; if the second is no better, the
 * items that do cite real lines are kept (a partial map the user can edit
 * beats none), and only a reply with nothing usable fails.
 */
export async function extractRequirements(settings: AiSettings, posting: PostingContext) {
  const lines = postingLines(posting);
  if (!lines.length) return { requirements: [], dropped: [] };
  let best: RequirementsOutput | null = null;
  const usable = (o: RequirementsOutput) => checkRequirements(o, lines).requirements.length;
  const output = await generateStructured({
    settings,
    schema: RequirementsOutput,
    name: REQUIREMENTS_SCHEMA_NAME,
    messages: (correction) => requirementMessages(posting, lines, correction),
    accept: (o) => {
      const problem = requirementsProblem(o, checkRequirements(o, lines), lines.length);
      if (problem && (!best || usable(o) > usable(best))) best = o;
      return problem;
    },
    lastResort: () => (best && usable(best) > 0 ? best : null),
  });
  return checkRequirements(output, lines);
}
