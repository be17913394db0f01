import { extractRequirements } from "#app/ai/practice/extract-requirements.server.ts";
import { loadAiSettings } from "#app/models/ai-provider.server.ts";
import { applyExtractedRequirements, extractionContext } from "#app/models/skill-map.server.ts";
import { runOperation, type Attempt } from "./run-operation.ts";

/**
 * posting.requirements — reads a job posting's requirements (each citing the
 * posting lines that state it) and merges them into its skill map. The model
 * call runs outside any transaction; the merge runs under the posting's lock
 * on the list as it is then, so the user's edits made meanwhile win and a
 * re-extraction never overwrites them (app/domain/practice/requirements.ts).
 * It is given the posting as read here: one saved differently meanwhile is not
 * merged, and read again instead (skill-map.server.ts applyExtractedRequirements).
 */
export async function extractPostingRequirements(operationId: string, attempt: Attempt) {
  return runOperation(operationId, attempt, async (operation) => {
    const context = await extractionContext(operation);
    if ("done" in context) return context.done;
    const { requirements } = await extractRequirements(await loadAiSettings(operation.userId), context.posting);
    return applyExtractedRequirements(operation.id, operation, context.posting, requirements);
  });
}
