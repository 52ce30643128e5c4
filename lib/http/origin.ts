import "server-only";
import type { NextRequest } from "next/server";

/** The site's public origin for links we hand to others (Stripe's redirects): NEXTAUTH_URL when set. */
export function publicOrigin(req: NextRequest): string {
  const configured = process.env.NEXTAUTH_URL;
  return configured ? new URL(configured).origin : req.nextUrl.origin;
}
