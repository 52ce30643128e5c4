"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { apiFetch } from "@/components/ui/api-fetch";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { fieldErrors, signUpSchema, type FieldErrors } from "@/lib/auth/schemas";
import { decodeSignInError } from "@/lib/auth/signin-error";
import { FormAlert } from "./form-alert";
import { NewPasswordField } from "./new-password-field";

export function SignUpForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = { name: String(form.get("name") ?? ""), email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") };
    const parsed = signUpSchema.safeParse(input);
    if (!parsed.success) return setErrors(fieldErrors(parsed.error));
    setPending(true);
    setErrors({});
    try {
      const created = await apiFetch("POST", "/api/signup", { body: input, fallback: "Sign-up failed. Try again." });
      if (!created.ok) {
        if (created.status === null) return setErrors({ form: "Could not reach Reelsmith. Check your connection and try again." });
        return setErrors(created.fields ?? { form: created.message });
      }
      const result = await signIn("credentials", { email: parsed.data.email, password: input.password, redirect: false });
      if (!result?.ok || result.error) {
        setErrors({ form: decodeSignInError(result?.error).message });
        return;
      }
      router.replace(callbackUrl);
      router.refresh();
    } catch {
      setErrors({ form: "Could not reach Reelsmith. Check your connection and try again." });
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-label="Create account">
      <FormAlert message={errors.form} />
      <TextField label="Name (optional)" name="name" autoComplete="name" error={errors.name} />
      <TextField label="Email" name="email" type="email" autoComplete="email" placeholder="you@example.com" error={errors.email} required />
      <NewPasswordField error={errors.password} />
      <Button type="submit" size="lg" disabled={pending} className="mt-2">
        {pending ? "Creating your account…" : "Create account"}
      </Button>
      <p className="text-center text-sm text-zinc-400">
        Already have an account?{" "}
        <Link href={`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`} className="font-medium text-accent-400 hover:underline">
          Sign in
        </Link>
      </p>
    </form>
  );
}
