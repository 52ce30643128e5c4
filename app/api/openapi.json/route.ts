import { NextResponse } from "next/server";
import { publicBaseUrl } from "@/lib/http/origin";
import { openApiDocument } from "@/lib/api/openapi";
import { handler } from "@/lib/http/handler";

/** The public API's OpenAPI 3.1 document. */
export const GET = handler({ auth: "public" }, async ({ req }) => NextResponse.json(openApiDocument(publicBaseUrl(req.headers, req.nextUrl))));
