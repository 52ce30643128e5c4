import { dateRangeSchema } from "@/lib/admin/schemas";
import { ledgerCsvStream } from "@/lib/admin/ledger-csv";
import { handler } from "@/lib/http/handler";

/** The ledger of a range of UTC days (`?from=YYYY-MM-DD&to=YYYY-MM-DD`, both included) as CSV, streamed. */
export const GET = handler({ auth: "admin", query: dateRangeSchema }, async ({ query }) => {
  const name = `reelsmith-ledger-${query.from.toISOString().slice(0, 10)}-to-${new Date(query.until.getTime() - 1).toISOString().slice(0, 10)}.csv`;
  return new Response(ledgerCsvStream(query.from, query.until), {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}"`, "cache-control": "no-store" },
  });
});
