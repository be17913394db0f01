import { z } from "./zod.ts";

/** "Ask for a second opinion" on one answer (the interview page's form; the API names the answer in its URL). */
export const SecondOpinionSchema = z.object({ intent: z.literal("second-opinion"), answerId: z.uuid() });
