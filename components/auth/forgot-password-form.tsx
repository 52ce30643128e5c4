"use client";

import Link from "next/link";
import type { FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { fieldErrors } from "@/lib/auth/schemas";
import { forgotPasswordSchema } from "@/lib/mail/schemas";
import { FormAlert } from "./form-alert";
import { FormDone } from "./form-done";
import { useJsonForm } from "./use-json-form";

export function ForgotPasswordForm() {
  const { errors, setErrors, done, pending, submit } = useJsonForm("/api/password-reset");

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = forgotPasswordSchema.safeParse({ email: new FormData(event.currentTarget).get("email") });
    if (!parsed.success) return setErrors(fieldErrors(parsed.error));
    void submit(parsed.data);
  }

  if (done) return <FormDone message={done} next={{ href: "/signin", label: "Back to sign in" }} />;
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
