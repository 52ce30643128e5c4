import { describe, expect, it } from "vitest";
import { fieldErrors, signInSchema, signUpSchema } from "./schemas";

function signUpErrors(input: Record<string, unknown>) {
  const result = signUpSchema.safeParse(input);
  return result.success ? {} : fieldErrors(result.error);
}

describe("sign-up validation", () => {
  const email = "Someone@Example.COM ";

  it("normalises the email to trimmed lower case", () => {
    expect(signUpSchema.parse({ email, password: "Good-pass-123" }).email).toBe("someone@example.com");
  });

  it.each([
    ["short1", "Use at least 10 characters."],
    ["abcdefghijkl", "Add at least one number or symbol."],
    ["1234567890123", "Add at least one letter."],
    ["Password123", "This password is too common; choose another."],
    ["aaaaaaaaaa1", "Use more different characters."],
    ["x".repeat(120) + "1234567890", "Use at most 128 characters."],
  ])("refuses the weak password %j with a specific reason", (password, message) => {
    expect(signUpErrors({ email, password })).toEqual({ password: message });
  });

  it("refuses a malformed email with an example of a good one", () => {
    expect(signUpErrors({ email: "not-an-email", password: "Good-pass-123" })).toEqual({
      email: "Enter a valid email address, like you@example.com.",
    });
  });

  it("asks for missing fields by name", () => {
    expect(signUpErrors({})).toEqual({ email: "Enter your email address.", password: "Choose a password." });
  });
});

describe("sign-in validation", () => {
  it("asks for the password when it is empty", () => {
    const result = signInSchema.safeParse({ email: "a@b.co", password: "" });
    expect(result.success).toBe(false);
    if (!result.success) expect(fieldErrors(result.error)).toEqual({ password: "Enter your password." });
  });
});
