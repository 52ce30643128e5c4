"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { fieldErrors, signInSchema, type FieldErrors } from "@/lib/auth/schemas";
import { decodeSignInError } from "@/lib/auth/signin-error";
import { FormAlert } from "./form-alert";

export function SignInForm({ callbackUrl, initialError }: { callbackUrl: string; initialError?: string }) {
  const router = useRouter();
  const [errors, setErrors] = useState<FieldErrors>(initialError ? { form: decodeSignInError(initialError).message } : {});
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = signInSchema.safeParse({ email: form.get("email"), password: form.get("password") });
    if (!parsed.success) return setErrors(fieldErrors(parsed.error));
    setPending(true);
    setErrors({});
    const result = await signIn("credentials", { ...parsed.data, redirect: false });
    if (result?.ok && !result.error) {
      router.replace(callbackUrl);
      router.refresh();
      return;
    }
    const error = decodeSignInError(result?.error);
    setErrors({ [error.field]: error.message });
    setPending(false);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-label="Sign in">
      <FormAlert message={errors.form} />
      <TextField label="Email" name="email" type="email" autoComplete="email" placeholder="you@example.com" error={errors.email} required />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" error={errors.password} required />
      <Link href="/forgot-password" className="-mt-2 self-end text-sm text-zinc-400 hover:text-accent-400 hover:underline">
        Forgot your password?
      </Link>
      <Button type="submit" size="lg" disabled={pending} className="mt-2">
        {pending ? "Signing in…" : "Sign in"}
      </Button>
      <p className="text-center text-sm text-zinc-400">
        New to Reelsmith?{" "}
        <Link href={`/signup?callbackUrl=${encodeURIComponent(callbackUrl)}`} className="font-medium text-accent-400 hover:underline">
          Create an account
        </Link>
      </p>
    </form>
  );
}
