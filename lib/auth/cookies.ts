// Free of database imports: proxy.ts reads it too.

/**
 * Secure (HTTPS-only) session cookies whenever Reelsmith is served over HTTPS, as in production;
 * a self-hoster on plain HTTP on a LAN keeps working. AUTH_SECURE_COOKIES=true|false forces it.
 */
export function secureCookiesEnabled(): boolean {
  const forced = process.env.AUTH_SECURE_COOKIES;
  if (forced === "true" || forced === "false") return forced === "true";
  return (process.env.NEXTAUTH_URL ?? "").startsWith("https://");
}

/** Pages that need a signed-in user; the proxy sends visitors to sign-in first. */
const PROTECTED_PREFIXES = ["/studio", "/gallery", "/account", "/billing"] as const;

export function isProtectedPath(pathname: string): boolean {
  return PROTECTED_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

/** Only same-site paths are followed after sign-in, never another origin. */
export function safeCallbackPath(raw: string | null | undefined, fallback = "/studio"): string {
  if (!raw || !raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return fallback;
  return raw;
}
