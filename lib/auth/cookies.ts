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

// Any origin of our own: what a path resolves against to show whether it stays on the site.
const HERE = "http://reelsmith.invalid";

/**
 * Where to go after sign-in (or any other return): only a same-origin path, judged as the browser
 * will read it (URL parsing, so "/\t/evil.example" or "/\\evil.example" cannot turn into another
 * host), with no control characters. Anything else, including a repeated query parameter, goes
 * to the fallback.
 */
export function safeCallbackPath(raw: unknown, fallback = "/studio"): string {
  if (typeof raw !== "string" || !raw.startsWith("/") || /[\p{Cc}\p{Cs}\\]/u.test(raw)) return fallback;
  let url: URL;
  try {
    url = new URL(raw, HERE);
  } catch {
    return fallback;
  }
  if (url.origin !== HERE) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Normalised, a path like "/.//evil.example" would read as protocol-relative.
  return path.startsWith("//") ? fallback : path;
}
