import { NextResponse } from "next/server";
import { handler } from "@/lib/http/handler";

/** The signed-in user: lets scripts and the UI check a session. */
export const GET = handler({ auth: "user" }, async ({ user }) => NextResponse.json({ user }));
