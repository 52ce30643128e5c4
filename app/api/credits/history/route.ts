import { NextResponse } from "next/server";
import { z } from "zod";
import { creditHistory, describeLine } from "@/lib/credits/history";
import { handler, HttpError } from "@/lib/http/handler";

const querySchema = z.object({
  page: z.coerce.number().int().min(1, "page starts at 1.").default(1),
  pageSize: z.coerce.number().int().min(1).max(100, "pageSize is at most 100.").default(20),
});

/** The credit history, newest first. */
export const GET = handler({ auth: "user" }, async ({ req, user }) => {
  const query = querySchema.safeParse(Object.fromEntries(req.nextUrl.searchParams));
  if (!query.success) throw new HttpError(422, query.error.issues[0]!.message);
  const page = await creditHistory(user.id, query.data.page, query.data.pageSize);
  return NextResponse.json({ ...page, lines: page.lines.map((line) => ({ ...line, description: describeLine(line) })) });
});
