// next-auth v4 hands a Credentials authorize() error to the client only as a string,
// so the field it belongs to travels with the message in a small JSON envelope.

export type SignInError = { field: "email" | "password" | "form"; message: string };

export function encodeSignInError(error: SignInError): string {
  return JSON.stringify(error);
}

export function decodeSignInError(raw: string | null | undefined): SignInError {
  if (!raw) return { field: "form", message: "Sign-in failed. Try again." };
  try {
    const parsed = JSON.parse(raw) as Partial<SignInError>;
    if (typeof parsed.message === "string" && (parsed.field === "email" || parsed.field === "password" || parsed.field === "form")) {
      return { field: parsed.field, message: parsed.message };
    }
  } catch {
    // not ours: next-auth's own codes below
  }
  if (raw === "OAuthAccountNotLinked") return { field: "form", message: "This email is already registered with a password: sign in with it." };
  return { field: "form", message: "Sign-in failed. Try again." };
}
