import { NextResponse } from "next/server";
import { z } from "zod";
import { creditHistory, describeLine, HISTORY_MAX_PAGE } from "@/lib/credits/history";
import { handler } from "@/lib/http/handler";

const querySchema = z.object({
  page: z.coerce.number().int("The page must be a whole number.").min(1, "The page starts at 1.").max(HISTORY_MAX_PAGE, `The page is at most ${HISTORY_MAX_PAGE}.`).default(1),
  pageSize: z.coerce.number().int("The page size must be a whole number.").min(1, "The page size is at least 1.").max(100, "The page size is at most 100.").default(20),
});

/** The credit history, newest first. */
export const GET = handler({ auth: "user", query: querySchema }, async ({ user, query }) => {
  const page = await creditHistory(user.id, query.page, query.pageSize);
  return NextResponse.json({ ...page, lines: page.lines.map((line) => ({ ...line, description: describeLine(line) })) });
});
