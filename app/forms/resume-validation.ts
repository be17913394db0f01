import { z } from "./zod.ts";
import {
  hasResumeExtension,
  normalizeResumeText,
  RESUME_EMPTY_MESSAGE,
  RESUME_FILE_TOO_LARGE_MESSAGE,
  RESUME_MAX_FILE_BYTES,
  resumeLengthProblem,
  unsupportedExtensionMessage,
} from "#app/domain/resume-text.ts";

/** The résumé's schemas: /api/v1/resumes and the /resume page's two forms. */

export const ResumeContentSchema = z.pipe(z.string({ error: RESUME_EMPTY_MESSAGE }), z.transform(normalizeResumeText)).check(
  z.superRefine((text, ctx) => {
    const problem = resumeLengthProblem(text);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  }),
);

/**
 * The browser-side check of a chosen file (name and size). Whether the bytes
 * really are what the name says is checked on the server, by content.
 */
export const ResumeFileSchema = z.file({ error: "Choose a file to upload" }).check(
  z.superRefine((file, ctx) => {
    if (!hasResumeExtension(file.name)) ctx.addIssue({ code: "custom", message: unsupportedExtensionMessage(file.name) });
    else if (file.size === 0) ctx.addIssue({ code: "custom", message: "That file is empty. Choose another file or paste your résumé." });
    else if (file.size > RESUME_MAX_FILE_BYTES) ctx.addIssue({ code: "custom", message: RESUME_FILE_TOO_LARGE_MESSAGE });
  }),
);

export const SaveResumeSchema = z.object({ intent: z.literal("save"), content: ResumeContentSchema });
export const UploadResumeSchema = z.object({ intent: z.literal("upload"), file: ResumeFileSchema });
