"use client";

/** Sends JSON to one of our routes; resolves to its JSON body, or throws an Error with the message the route gave. */
export async function sendJson<T>(method: "POST" | "DELETE", url: string, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? undefined : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  }).catch(() => null);
  if (!response) throw new Error("Could not reach the server. Check your connection and try again.");
  const json = (await response.json().catch(() => null)) as (T & { error?: { message?: string } }) | null;
  if (!response.ok) throw new Error(json?.error?.message ?? "Something went wrong. Try again in a moment.");
  return json as T;
}
