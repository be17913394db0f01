import type { AiSettings } from "#app/ai/client.server.ts";
import { generateStructured } from "#app/ai/structured.server.ts";
import { splitSentences } from "#app/domain/practice/sentences.ts";
import { PROMPT_LIMITS } from "./prompt-parts.ts";
import { assembleStarCheck, starMessages, starProblem, StarCheckOutput, STAR_CHECK_SCHEMA_NAME, type StarCheck } from "./star-check.ts";

/**
 * The STAR checklist of one answer. An answer with no sentence at all is
 * answered without a model call (every part missing). A reply citing
 * sentence numbers that do not exist is sent back once; if it happens again
 * the numbers that do exist are used (the rest are simply not quoted).
 */
export async function checkStar(settings: AiSettings, input: { question: string; answer: string }): Promise<StarCheck> {
  const sentences = splitSentences(input.answer.slice(0, PROMPT_LIMITS.answer));
  if (!sentences.length) return assembleStarCheck(input.answer, null);
  let last: StarCheckOutput | null = null;
  const output = await generateStructured({
    settings,
    schema: StarCheckOutput,
    name: STAR_CHECK_SCHEMA_NAME,
    messages: (correction) => starMessages({ question: input.question, sentences }, correction),
    accept: (o) => {
      last = o;
      return starProblem(o, sentences.length);
    },
    lastResort: () => last,
  });
  return assembleStarCheck(input.answer, output);
}
