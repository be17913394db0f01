import { z } from "zod";

/**
 * Validators for the schemas of an OpenAPI 3.1 document as served: each
 * component's JSON Schema turned back into a zod validator (z.fromJSONSchema;
 * component refs rewritten to $defs), so responses are checked against what
 * the document says, not against the source schemas it was generated from.
 */
export function documentValidators(document: { components: { schemas: Record<string, unknown> } }) {
  const toDefs = (value: unknown) => JSON.parse(JSON.stringify(value).replaceAll('"#/components/schemas/', '"#/$defs/')) as object;
  const defs = toDefs(document.components.schemas) as Record<string, object>;
  const cache = new Map<string, z.ZodType>();
  /** The validator of `#/components/schemas/<name>`. */
  return (ref: string): z.ZodType => {
    let validator = cache.get(ref);
    if (!validator) {
      const name = ref.replace("#/components/schemas/", "");
      if (!defs[name]) throw new Error(`${ref} is not in the document`);
      validator = z.fromJSONSchema({ ...defs[name], $defs: defs } as never);
      cache.set(ref, validator);
    }
    return validator;
  };
}
