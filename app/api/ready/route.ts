import { NextResponse } from "next/server";
import { handler } from "@/lib/http/handler";
import { readiness } from "@/lib/runtime/readiness";

export const dynamic = "force-dynamic";

/** Readiness for load balancers and orchestrators: 200 when this process can take traffic, else 503 naming the failed checks. */
export const GET = handler({ auth: "public" }, async () => {
  const result = await readiness();
  return NextResponse.json(result, { status: result.ready ? 200 : 503, headers: { "cache-control": "no-store" } });
});
