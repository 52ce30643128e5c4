import { z } from "zod";
import { emailSchema, newPasswordSchema, PASSWORD_MAX } from "./schemas";

// Shared by the account page's forms and their route handlers.

const currentPassword = z
  .string({ error: "Enter your current password." })
  .min(1, "Enter your current password.")
  .max(PASSWORD_MAX, "The current password is wrong.");

export const changePasswordSchema = z.object({ currentPassword, password: newPasswordSchema });
export type ChangePasswordInput = z.input<typeof changePasswordSchema>;

export const changeEmailSchema = z.object({ currentPassword, email: emailSchema });
export type ChangeEmailInput = z.input<typeof changeEmailSchema>;
