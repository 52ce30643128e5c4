import { z } from "zod";
import { line } from "../validation/text";

// Shared by the sign-up/sign-in forms, the route handlers and next-auth's authorize().

const COMMON_PASSWORDS = new Set([
  "password", "password1", "password123", "12345678", "123456789", "1234567890", "qwerty123",
  "qwertyuiop", "iloveyou1", "letmein123", "welcome123", "admin1234", "abc12345", "11111111",
  "reelsmith1", "passw0rd", "football1", "baseball1", "sunshine1", "princess1",
]);

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

export const emailSchema = line("Enter your email address.")
  .trim()
  .min(1, "Enter your email address.")
  .max(254, "That email address is too long.")
  .pipe(z.email({ error: "Enter a valid email address, like you@example.com." }))
  .transform((email) => email.toLowerCase());

export const newPasswordSchema = line("Choose a password.")
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters.`)
  .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters.`)
  .refine((p) => /[A-Za-z]/.test(p), "Add at least one letter.")
  .refine((p) => /[^A-Za-z]/.test(p), "Add at least one number or symbol.")
  .refine((p) => !COMMON_PASSWORDS.has(p.toLowerCase()), "This password is too common; choose another.")
  .refine((p) => new Set(p).size >= 5, "Use more different characters.");

export const signUpSchema = z.object({
  name: line().trim().max(80, "Use at most 80 characters for your name.").optional().default(""),
  email: emailSchema,
  password: newPasswordSchema,
});
export type SignUpInput = z.input<typeof signUpSchema>;

export const signInSchema = z.object({
  email: emailSchema,
  password: line("Enter your password.").min(1, "Enter your password.").max(PASSWORD_MAX, "Wrong password."),
});
export type SignInInput = z.input<typeof signInSchema>;

export type FieldErrors = Partial<Record<string, string>>;

/** The first message per field, the shape the forms show next to their inputs. */
export function fieldErrors(error: { issues: readonly z.core.$ZodIssue[] }): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    out[field] ??= issue.message;
  }
  return out;
}
