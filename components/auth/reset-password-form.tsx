"use client";

import type { FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { fieldErrors } from "@/lib/auth/schemas";
import { resetPasswordSchema } from "@/lib/mail/schemas";
import { FormAlert } from "./form-alert";
import { FormDone } from "./form-done";
import { NewPasswordField } from "./new-password-field";
import { useJsonForm } from "./use-json-form";

export function ResetPasswordForm({ token }: { token: string }) {
  const { errors, setErrors, done, pending, submit } = useJsonForm("/api/password-reset/confirm");

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password") ?? "");
    if (password !== form.get("confirm")) return setErrors({ confirm: "The two passwords differ. Type the same one twice." });
    const parsed = resetPasswordSchema.safeParse({ token, password });
    if (!parsed.success) return setErrors(fieldErrors(parsed.error));
    void submit(parsed.data);
  }

  if (done) return <FormDone message={done} next={{ href: "/signin", label: "Sign in" }} />;
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-label="Choose a new password">
      <FormAlert message={errors.form} />
      <NewPasswordField label="New password" error={errors.password} />
      <TextField label="Repeat the new password" name="confirm" type="password" autoComplete="new-password" error={errors.confirm} required />
      <Button type="submit" size="lg" disabled={pending} className="mt-2">
        {pending ? "Saving…" : "Set new password"}
      </Button>
    </form>
  );
}
