"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { sendJson } from "@/components/ui/send-json";
import { TextField } from "@/components/ui/text-field";
import { fieldErrors, type FieldErrors } from "@/lib/auth/schemas";
import { forgotPasswordSchema } from "@/lib/mail/schemas";
import { FormAlert } from "./form-alert";

export function ForgotPasswordForm() {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [sent, setSent] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = forgotPasswordSchema.safeParse({ email: new FormData(event.currentTarget).get("email") });
    if (!parsed.success) return setErrors(fieldErrors(parsed.error));
    setPending(true);
    setErrors({});
    try {
      setSent((await sendJson<{ message: string }>("POST", "/api/password-reset", parsed.data)).message);
    } catch (error) {
      setErrors({ form: (error as Error).message });
    } finally {
      setPending(false);
    }
  }

  if (sent) {
    return (
      <div className="flex flex-col gap-4">
        <p role="status" className="rounded-lg border border-emerald-400/30 bg-emerald-400/10 px-3 py-2 text-sm text-emerald-200">
          {sent}
        </p>
        <Link href="/signin" className="text-center text-sm font-medium text-accent-400 hover:underline">
          Back to sign in
        </Link>
      </div>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-label="Reset password">
      <FormAlert message={errors.form} />
      <TextField label="Email" name="email" type="email" autoComplete="email" placeholder="you@example.com" error={errors.email} required />
      <Button type="submit" size="lg" disabled={pending} className="mt-2">
        {pending ? "Sending…" : "Send reset link"}
      </Button>
      <p className="text-center text-sm text-zinc-400">
        Remembered it?{" "}
        <Link href="/signin" className="font-medium text-accent-400 hover:underline">
          Sign in
        </Link>
      </p>
    </form>
  );
}
