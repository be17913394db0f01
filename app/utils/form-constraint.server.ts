import { getZodConstraint } from "@conform-to/zod/v4";
import type { z } from "zod";

type FormConstraint = ReturnType<typeof getZodConstraint>;
const computed = new WeakMap<z.ZodType, FormConstraint>();

/**
 * A form's HTML constraints (required, maxLength, pattern…) from its schema,
 * worked out on the server and sent with the loader data: the page renders
 * them without zod in the browser's first load. Computed once per schema.
 */
export function formConstraint(schema: z.ZodType): FormConstraint {
  let constraint = computed.get(schema);
  if (!constraint) {
    constraint = getZodConstraint(schema);
    computed.set(schema, constraint);
  }
  return constraint;
}
