import type { AiSettings } from "#app/ai/client.server.ts";
import { generateStructured } from "#app/ai/structured.server.ts";
import {
  assembleModelAnswer,
  inventedFactsProblem,
  modelAnswerMessages,
  modelAnswerShapeProblem,
  ModelAnswerOutput,
  MODEL_ANSWER_SCHEMA_NAME,
  type ModelAnswer,
  type ModelAnswerInput,
} from "./model-answer.ts";

/**
 * A model answer grounded in the résumé and the candidate's answer. A reply
 * that names facts from nowhere is sent back once, naming them; if the second
 * reply still does, the one with the fewest flags is returned with its flags
 * (shown to the user as "not in your résumé") rather than failing: the flags
 * are the server's promise, not the model's.
 */
export async function writeModelAnswer(settings: AiSettings, input: ModelAnswerInput): Promise<ModelAnswer> {
  const flagged: ModelAnswer[] = [];
  const output = await generateStructured({
    settings,
    schema: ModelAnswerOutput,
    name: MODEL_ANSWER_SCHEMA_NAME,
    messages: (correction) => modelAnswerMessages(input, correction),
    accept: (o) => {
      const assembled = assembleModelAnswer(o, input);
      const shape = modelAnswerShapeProblem(assembled);
      if (shape) return shape;
      const invented = inventedFactsProblem(assembled);
      if (invented) flagged.push(assembled);
      return invented;
    },
    lastResort: () => {
      const best = flagged.toSorted((a, b) => a.facts.flags.length - b.facts.flags.length)[0];
      return best ? { answer: best.text, placeholders: best.placeholders.map((p) => ({ marker: p.marker, question: p.question })) } : null;
    },
  });
  return assembleModelAnswer(output, input);
}
