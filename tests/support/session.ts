import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";

/** A request carrying a real next-auth session cookie for the user, as a browser would send it. */
export async function authedRequest(url: string, userId: string | null, init: ConstructorParameters<typeof NextRequest>[1] = {}) {
  const headers = new Headers(init.headers);
  if (userId) {
    const token = await encode({ token: { uid: userId, sub: userId }, secret: process.env.NEXTAUTH_SECRET! });
    headers.set("cookie", `next-auth.session-token=${token}`);
  }
  return new NextRequest(new URL(url, "http://localhost"), { ...init, headers });
}

/** The cookie header of a browser signed in when the user's sessionVersion was `sessionVersion`. */
export async function sessionCookie(userId: string, sessionVersion: number): Promise<{ cookie: string }> {
  const token = await encode({ token: { uid: userId, sub: userId, sv: sessionVersion }, secret: process.env.NEXTAUTH_SECRET! });
  return { cookie: `next-auth.session-token=${token}` };
}
