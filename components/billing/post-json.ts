"use client";

import { sendJson } from "@/components/ui/send-json";

/** POSTs to a billing route; resolves to its JSON body, or throws an Error with the message the route gave. */
export function postJson<T>(url: string, body?: unknown): Promise<T> {
  return sendJson<T>("POST", url, body);
}
