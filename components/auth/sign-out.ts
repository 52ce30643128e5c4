/**
 * Signs out through next-auth's own routes (its CSRF token, then the sign-out POST, which clears the
 * session cookie) and leaves for `callbackUrl`. The same steps as next-auth/react's signOut, without
 * that client library in the first load of every signed-in page.
 */
export async function signOut(callbackUrl = "/"): Promise<void> {
  const { csrfToken } = (await (await fetch("/api/auth/csrf", { cache: "no-store" })).json()) as { csrfToken: string };
  const response = await fetch("/api/auth/signout", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, callbackUrl, json: "true" }),
  });
  if (!response.ok) throw new Error(`Sign-out failed (HTTP ${response.status}).`);
  // A full navigation: no page keeps showing the signed-out account.
  window.location.assign(callbackUrl);
}
