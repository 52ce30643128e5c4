"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { FormAlert } from "@/components/auth/form-alert";
import { FormDone } from "@/components/auth/form-done";
import { NewPasswordField } from "@/components/auth/new-password-field";
import { useJsonForm } from "@/components/auth/use-json-form";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { changeEmailSchema, changePasswordSchema } from "@/lib/auth/account-schemas";
import { fieldErrors } from "@/lib/auth/schemas";

function ChangeEmailForm() {
  const { errors, setErrors, done, pending, submit } = useJsonForm("/api/account/email");
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const parsed = changeEmailSchema.safeParse({ email: data.get("email"), currentPassword: data.get("currentPassword") });
    if (!parsed.success) return setErrors(fieldErrors(parsed.error));
    void submit(parsed.data, async () => form.reset());
  }
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-3" aria-label="Change email">
      <h3 className="font-medium">Change email</h3>
      {done && <FormDone message={done} />}
      <FormAlert message={errors.form} />
      <TextField label="New email" name="email" type="email" autoComplete="email" error={errors.email} required />
      <TextField label="Current password" name="currentPassword" type="password" autoComplete="current-password" error={errors.currentPassword} required />
      <Button type="submit" variant="secondary" disabled={pending} className="self-start">
        {pending ? "Sending…" : "Send confirmation link"}
      </Button>
    </form>
  );
}

function ChangePasswordForm({ email }: { email: string }) {
  const router = useRouter();
  const { errors, setErrors, done, pending, submit } = useJsonForm("/api/account/password");
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const parsed = changePasswordSchema.safeParse({ currentPassword: data.get("currentPassword"), password: data.get("password") });
    if (!parsed.success) return setErrors(fieldErrors(parsed.error));
    // The change ends every session, this one too: sign in again with the new password.
    void submit(parsed.data, async () => {
      await signIn("credentials", { email, password: parsed.data.password, redirect: false });
      form.reset();
      router.refresh();
    });
  }
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-3" aria-label="Change password">
      <h3 className="font-medium">Change password</h3>
      {done && <FormDone message={done} />}
      <FormAlert message={errors.form} />
      <TextField label="Current password" name="currentPassword" type="password" autoComplete="current-password" error={errors.currentPassword} required />
      <NewPasswordField label="New password" error={errors.password} />
      <Button type="submit" variant="secondary" disabled={pending} className="self-start">
        {pending ? "Saving…" : "Change password"}
      </Button>
    </form>
  );
}

/** The account's address and password; each change mails a notice to the address. */
export function SignInSettings({ email, verified }: { email: string; verified: boolean }) {
  // The address itself is in the page header already.
  return (
    <section aria-labelledby="sign-in-heading" className="flex flex-col gap-4 rounded-2xl border border-zinc-800 bg-zinc-900/50 p-5 sm:p-6">
      <div>
        <h2 id="sign-in-heading" className="text-lg font-semibold">
          Sign-in
        </h2>
        <p className="mt-1 text-sm text-zinc-400">
          {verified ? "Your address is verified." : "Your address is not verified yet."} A change of either mails a notice to your address.
        </p>
      </div>
      <div className="grid gap-6 md:grid-cols-2">
        <ChangeEmailForm />
        <ChangePasswordForm email={email} />
      </div>
    </section>
  );
}
