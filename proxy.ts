import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { isProtectedPath, secureCookiesEnabled } from "@/lib/auth/cookies";
import { pageContentSecurityPolicy, servedOverHttps, STRICT_TRANSPORT_SECURITY } from "@/lib/http/security-headers";

/**
 * An optimistic check at the edge of the app: signed-out visitors of app pages go to sign-in
 * (and come back afterwards). Pages still call requireUser(), which is the real check;
 * the path is passed on for its redirect. Every page gets its Content-Security-Policy here.
 */
export async function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  const token = await getToken({ req, secret: process.env.NEXTAUTH_SECRET, secureCookie: secureCookiesEnabled() });

  if (!token && isProtectedPath(pathname)) {
    const url = new URL("/signin", req.url);
    url.searchParams.set("callbackUrl", pathname + search);
    return NextResponse.redirect(url);
  }

  const headers = new Headers(req.headers);
  headers.set("x-pathname", pathname + search);
  // A fresh nonce per page: Next.js reads the policy from the request and puts the nonce on its scripts.
  const policy = pageContentSecurityPolicy({ nonce: btoa(crypto.randomUUID()), dev: process.env.NODE_ENV !== "production", https: servedOverHttps() });
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  if (servedOverHttps()) response.headers.set("strict-transport-security", STRICT_TRANSPORT_SECURITY);
  return response;
}

export const config = {
  // Pages only. /api (uploads and webhooks included) and the public /v1 API never pass through
  // the proxy: Next buffers a proxied body and cuts it at proxyClientMaxBodySize (10 MB), so their
  // own limits (10 MB images, 30 MB /v1 bodies) could not apply.
  matcher: ["/((?!api/|api$|v1/|v1$|_next/|favicon.ico|.*\\.(?:png|svg|jpg|webp|ico|txt)$).*)"],
};
