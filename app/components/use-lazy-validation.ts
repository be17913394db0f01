import type { Submission } from "@conform-to/react";
import type { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { useEffect, useState } from "react";
import type { z } from "zod";

/** What `getZodConstraint` makes of a schema: the HTML attributes (required, maxLength…) a form's fields render with. */
export type FormConstraint = ReturnType<typeof getZodConstraint>;

type Parse = typeof parseWithZod;
type Loaded<M> = { parse: Parse; schemas: M };

/**
 * The form schema modules, each fetched on the first interaction with a page
 * that has one of its forms. The only place that names them for the browser:
 * a static import of one from a component would put zod back in the first load.
 */
export const formSchemas = {
  account: () => import("#app/forms/account-forms.ts"),
  interview: () => import("#app/forms/interview-forms.ts"),
  jobPosting: () => import("#app/forms/job-posting-validation.ts"),
  resume: () => import("#app/forms/resume-validation.ts"),
};

// Modules already fetched, so a second form page gets its validation on the first render.
const loaded = new Map<() => Promise<unknown>, Loaded<unknown>>();
const INTERACTION = ["focusin", "pointerdown", "keydown", "input"] as const;

/**
 * Client-side validation with the server's own zod schemas, fetched on the
 * first interaction with the page rather than with the page: zod and conform's
 * zod bridge are ~26 KB gzip, a sixth of a form page's first load (see
 * docs/performance.md §4). Until they arrive — a few milliseconds after the
 * first focus, press or key — a submission goes to the server, which
 * validates with the same schema, so the messages are the same either way.
 *
 * `load` is one of `formSchemas`; `pick` chooses the schema for a submission. Pass the result as conform's
 * `onValidate`; the form's `constraint` comes from the loader
 * (`getZodConstraint` on the server) so the first render needs no zod.
 */
export function useLazyValidation<M, S extends z.ZodType>(
  load: () => Promise<M>,
  pick: (schemas: M, formData: FormData) => S,
): ((context: { formData: FormData }) => Submission<z.input<S>, string[], z.output<S>>) | undefined {
  const [ready, setReady] = useState(() => loaded.get(load) as Loaded<M> | undefined);

  useEffect(() => {
    if (ready) return;
    let active = true;
    const start = () => {
      disarm();
      Promise.all([import("@conform-to/zod/v4"), load()]).then(
        ([{ parseWithZod }, schemas]) => {
          const module = { parse: parseWithZod, schemas };
          loaded.set(load, module);
          if (active) setReady(module);
        },
        // Offline or a stale deploy: the server still validates; try again on the next interaction.
        () => {
          if (active) arm();
        },
      );
    };
    const arm = () => INTERACTION.forEach((type) => document.addEventListener(type, start, { capture: true, passive: true }));
    const disarm = () => INTERACTION.forEach((type) => document.removeEventListener(type, start, { capture: true }));
    arm();
    return () => {
      active = false;
      disarm();
    };
  }, [load, ready]);

  if (!ready) return undefined;
  return ({ formData }) => ready.parse(formData, { schema: pick(ready.schemas, formData) });
}
