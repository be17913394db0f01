import { z } from "./zod.ts";
import { REQUIREMENT_KINDS, REQUIREMENT_NAME_MAX } from "#app/domain/practice/requirements.ts";
import { cleanText } from "#app/utils/clean-text.ts";

/**
 * The skill map's forms (page /jobs/:id/skills) and the JSON bodies of its API
 * twin share these field schemas: a requirement's name, kind and weight.
 * Whether a name clashes with another requirement is the model's rule
 * (app/domain/practice/requirements.ts), checked against the list as it is.
 */

export const RequirementName = z
  .string({ error: "Enter a name for the requirement" })
  .check(
    z.overwrite(cleanText),
    z.trim(),
    z.minLength(1, "Enter a name for the requirement"),
    z.maxLength(REQUIREMENT_NAME_MAX, `Keep the name to ${REQUIREMENT_NAME_MAX} characters`),
  );
export const RequirementKindField = z.enum(REQUIREMENT_KINDS, { error: "Choose a kind" });
// A number: conform's parseWithZod turns the form's string into one, the API sends one.
export const RequirementWeightField = z
  .number({ error: "Choose a weight from 1 to 3" })
  .check(z.int("Choose a weight from 1 to 3"), z.gte(1, "Choose a weight from 1 to 3"), z.lte(3, "Choose a weight from 1 to 3"));

export const AddRequirementSchema = z.object({
  intent: z.literal("add"),
  name: RequirementName,
  kind: RequirementKindField,
  weight: RequirementWeightField,
});
export const RenameRequirementSchema = z.object({ intent: z.literal("rename"), requirementId: z.uuid(), name: RequirementName });
export const ReweightRequirementSchema = z.object({ intent: z.literal("weight"), requirementId: z.uuid(), weight: RequirementWeightField });
export const RemoveRequirementSchema = z.object({ intent: z.literal("remove"), requirementId: z.uuid() });
// "retry" is the Retry button of a failed extraction (OperationStatus).
export const ExtractRequirementsSchema = z.object({ intent: z.enum(["extract", "retry"]), operationId: z.optional(z.string()) });

export const DrillRequirementSchema = z.object({ intent: z.literal("drill"), requirementId: z.uuid() });

/** Every form of the page, told apart by `intent`. */
export const SkillMapActionSchema = z.discriminatedUnion("intent", [
  AddRequirementSchema,
  RenameRequirementSchema,
  ReweightRequirementSchema,
  RemoveRequirementSchema,
  ExtractRequirementsSchema,
  DrillRequirementSchema,
]);
