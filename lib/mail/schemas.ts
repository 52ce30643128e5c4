import { z } from "zod";
import { emailSchema, newPasswordSchema } from "../auth/schemas";

// Shared by the forgot/reset password forms and their route handlers.

export const forgotPasswordSchema = z.object({ email: emailSchema });
export type ForgotPasswordInput = z.input<typeof forgotPasswordSchema>;

export const resetPasswordSchema = z.object({
  token: z.string({ error: "This reset link is incomplete. Open the link from the mail again." }).min(1, "This reset link is incomplete. Open the link from the mail again.").max(512, "This reset link is not valid."),
  password: newPasswordSchema,
});
export type ResetPasswordInput = z.input<typeof resetPasswordSchema>;
