"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { sendJson } from "@/components/ui/send-json";
import { TextField } from "@/components/ui/text-field";
import { fieldErrors, PASSWORD_MIN, type FieldErrors } from "@/lib/auth/schemas";
import { resetPasswordSchema } from "@/lib/mail/schemas";
import { FormAlert } from "./form-alert";

export function ResetPasswordForm({ token }: { token: string }) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [done, setDone] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password") ?? "");
    if (password !== form.get("confirm")) return setErrors({ confirm: "The two passwords differ. Type the same one twice." });
    const parsed = resetPasswordSchema.safeParse({ token, password });
    if (!parsed.success) return setErrors(fieldErrors(parsed.error));
    setPending(true);
    setErrors({});
    try {
      setDone((await sendJson<{ message: string }>("POST", "/api/password-reset/confirm", parsed.data)).message);
    } catch (error) {
      setErrors({ form: (error as Error).message });
    } finally {
      setPending(false);
    }
  }

  if (done) {
    return (
      <div className="flex flex-col gap-4">
        <p role="status" className="rounded-lg border border-emerald-400/30 bg-emerald-400/10 px-3 py-2 text-sm text-emerald-200">
          {done}
        </p>
        <Link href="/signin" className="text-center text-sm font-medium text-accent-400 hover:underline">
          Sign in
        </Link>
      </div>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-label="Choose a new password">
      <FormAlert message={errors.form} />
      <TextField
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        error={errors.password}
        hint={`At least ${PASSWORD_MIN} characters, with a letter and a number or symbol.`}
        required
      />
      <TextField label="Repeat the new password" name="confirm" type="password" autoComplete="new-password" error={errors.confirm} required />
      <Button type="submit" size="lg" disabled={pending} className="mt-2">
        {pending ? "Saving…" : "Set new password"}
      </Button>
    </form>
  );
}
