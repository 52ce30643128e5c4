import { describe, expect, it } from "vitest";
import { decodeSignInError, encodeSignInError } from "./signin-error";

describe("sign-in error envelope", () => {
  it("round-trips the field and message", () => {
    const error = { field: "password", message: "Wrong password. Try again." } as const;
    expect(decodeSignInError(encodeSignInError(error))).toEqual(error);
  });

  it("turns next-auth's own codes and junk into a form-level message", () => {
    expect(decodeSignInError("CredentialsSignin")).toEqual({ field: "form", message: "Sign-in failed. Try again." });
    expect(decodeSignInError('{"field":"admin","message":"x"}').field).toBe("form");
    expect(decodeSignInError(undefined).field).toBe("form");
    expect(decodeSignInError("OAuthAccountNotLinked").message).toMatch(/sign in with it/);
  });
});
