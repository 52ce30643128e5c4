type Env = Record<string, string | undefined>;

export class MailConfigError extends Error {}

/**
 * Start-up check: a production server that delivers mail must know its public URL. Mailed links
 * are otherwise built on the Host header of the request that asked for them, which anyone can
 * write: a password reset requested with `Host: evil.example` would mail the victim a working
 * reset link to that site.
 */
export function checkMailConfig(env: Env = process.env): void {
  if (env.NODE_ENV !== "production" || !env.SMTP_URL?.trim() || env.NEXTAUTH_URL?.trim()) return;
  throw new MailConfigError(
    "SMTP_URL is set but NEXTAUTH_URL is not: mailed links would be built on the Host header a request sends, which anyone can forge. " +
      "Set NEXTAUTH_URL to this server's public URL, e.g. https://reels.example.com.",
  );
}
