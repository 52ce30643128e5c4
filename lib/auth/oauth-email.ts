import "server-only";

type GitHubEmail = { email: string; primary: boolean; verified: boolean };

/**
 * Whether the provider itself vouches for the address it gave us. Google says so in the ID
 * token's `email_verified`; GitHub lists the account's addresses with `primary` and `verified`
 * (scope `user:email`, which next-auth asks for). Anything else counts as unverified.
 */
export async function providerVerifiedEmail(
  provider: string,
  email: string | null | undefined,
  profile: Record<string, unknown> | undefined,
  accessToken: string | undefined,
  githubApi = "https://api.github.com",
): Promise<boolean> {
  if (!email) return false;
  if (provider === "google") return profile?.email_verified === true && String(profile.email).toLowerCase() === email.toLowerCase();
  if (provider !== "github" || !accessToken) return false;
  const response = await fetch(`${githubApi}/user/emails`, {
    headers: { authorization: `token ${accessToken}`, accept: "application/vnd.github+json" },
    signal: AbortSignal.timeout(10_000),
  }).catch(() => null);
  if (!response?.ok) return false;
  const emails = (await response.json().catch(() => [])) as GitHubEmail[];
  return Array.isArray(emails) && emails.some((e) => e.primary && e.verified === true && e.email?.toLowerCase() === email.toLowerCase());
}
