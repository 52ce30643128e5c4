import "server-only";

/**
 * The origin links are built on: NEXTAUTH_URL (the public URL) when set, else the host the request
 * came to (as a proxy in front reports it), else `fallback`.
 */
export function publicBaseUrl(headers: Headers, fallback: URL | { origin: string; protocol: string }): string {
  const configured = process.env.NEXTAUTH_URL;
  if (configured) return configured.replace(/\/+$/, "");
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim() ?? fallback.protocol.replace(/:$/, "");
  return host ? `${proto}://${host}` : fallback.origin;
}
