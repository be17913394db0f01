import { z } from "./zod.ts";
import { ApiKeySchema, BaseUrlSchema, ModelSchema } from "./ai-settings-validation.ts";
import { EmailSchema, ExistingPasswordSchema, PasswordSchema } from "./user-validation.ts";

/**
 * The account pages' forms (log in, register, password reset, settings): one
 * schema per form, validating in the action and in the browser as you type. Checks
 * that need the database or a secret list are added in the action only.
 */

export const LoginSchema = z.object({
  email: EmailSchema,
  password: ExistingPasswordSchema,
  remember: z.optional(z.boolean()),
  redirectTo: z.optional(z.string()),
});

export const RegisterSchema = z.object({ email: EmailSchema, password: PasswordSchema });

export const ForgotPasswordSchema = z.object({ email: EmailSchema });

export const ResetPasswordSchema = z
  .object({
    token: z.string().check(z.minLength(1), z.maxLength(200)),
    password: PasswordSchema,
    confirm: z.string({ error: "Type the new password again" }),
  })
  .check(z.refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords don't match" }));

export const ChangePasswordSchema = z
  .object({
    intent: z.literal("change-password"),
    currentPassword: ExistingPasswordSchema,
    newPassword: PasswordSchema,
    confirmPassword: z.string({ error: "Type the new password again" }),
  })
  .check(z.refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "The two passwords don't match" }));

export const SaveApiKeySchema = z.object({ intent: z.literal("save-api-key"), apiKey: ApiKeySchema });

export const ProviderSchema = z.object({
  intent: z.literal("save-provider"),
  model: z.optional(ModelSchema),
  // Issue 17: the model that grades answers (empty = the server's grading default).
  graderModel: z.optional(ModelSchema),
  baseUrl: z.optional(BaseUrlSchema),
});

export const DeleteAccountSchema = z.object({
  intent: z.literal("delete-account"),
  password: ExistingPasswordSchema,
  confirm: z.literal("delete", { error: "Type “delete” to confirm" }),
});
