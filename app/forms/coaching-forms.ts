import { z } from "./zod.ts";

/**
 * The coaching forms on an interview's feedback page (issue 19), as on the interview page:
 * "Drill this" on a knowledge gap of one answer or of the interview's feedback, and
 * "Show a strong answer" for a scored answer.
 */
export const CoachingIntents = [
  z.object({ intent: z.literal("drill"), answerId: z.uuid(), gap: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)) }),
  z.object({ intent: z.literal("drill-gap"), gap: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)) }),
  z.object({ intent: z.literal("model-answer"), answerId: z.uuid() }),
] as const;

export type CoachingForm = z.infer<(typeof CoachingIntents)[number]>;
