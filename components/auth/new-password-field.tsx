import { TextField } from "@/components/ui/text-field";
import { PASSWORD_MIN } from "@/lib/auth/schemas";

/** The password a person chooses (sign-up, reset), with the rules as its hint. */
export function NewPasswordField({ label = "Password", error }: { label?: string; error?: string }) {
  return (
    <TextField
      label={label}
      name="password"
      type="password"
      autoComplete="new-password"
      error={error}
      hint={`At least ${PASSWORD_MIN} characters, with a letter and a number or symbol.`}
      required
    />
  );
}
