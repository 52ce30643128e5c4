// Free of server-only imports: proxy.ts and next.config.ts read it.

/** Served over HTTPS (the public URL says so): the browser is told to keep to HTTPS. */
export const servedOverHttps = (env: Record<string, string | undefined> = process.env) => (env.NEXTAUTH_URL ?? "").startsWith("https://");

/**
 * The policy of an HTML page. Scripts run only with this response's nonce (Next.js puts it on its
 * own inline scripts when it finds it in the request's policy) or when loaded by such a script.
 * Styles allow inline attributes (progress bars, aspect ratios); media and images come from this
 * origin, blob: and data: (previews of a chosen file).
 */
export function pageContentSecurityPolicy(options: { nonce: string; dev: boolean; https: boolean }): string {
  return [
    "default-src 'self'",
    // React's development build evaluates code for its debugging aids; production never does.
    `script-src 'self' 'nonce-${options.nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** API answers (JSON): nothing in them may run, load or be framed. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** Media opened on its own: the browser's viewer shows the file itself, nothing else. */
export const MEDIA_CONTENT_SECURITY_POLICY = "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'";

/** Headers every response carries. */
export const COMMON_SECURITY_HEADERS: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "strict-origin-when-cross-origin",
};

/** Two years, subdomains included: what browsers' preload lists ask for. */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";
