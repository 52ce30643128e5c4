import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localServer } from "@/tests/support/http-server";
import { ApiError, apiFetch, sendJson } from "./api-fetch";

let server: Awaited<ReturnType<typeof localServer>>;
const json = (status: number, body: unknown) => ({ status, body: JSON.stringify(body), headers: { "content-type": "application/json" } });

beforeAll(async () => {
  server = await localServer((req) => {
    if (req.url === "/ok") return json(200, { balance: 7 });
    if (req.url === "/echo") return json(201, { method: req.method, type: req.headers["content-type"] ?? null, key: req.headers["idempotency-key"] ?? null, body: req.body });
    if (req.url === "/refused") return json(422, { error: { message: "Name is required.", fields: { name: "Name is required." } } });
    if (req.url === "/empty") return { status: 204 };
    return { status: 502, body: "<html>Bad gateway</html>", headers: { "content-type": "text/html" } };
  });
});
afterAll(() => server.close());

describe("apiFetch", () => {
  it("GETs and parses the answer", async () => {
    expect(await apiFetch("GET", `${server.url}/ok`)).toEqual({ ok: true, status: 200, data: { balance: 7 } });
    expect(server.received.at(-1)).toMatchObject({ method: "GET", body: "" });
    expect(server.received.at(-1)!.headers["content-type"]).toBeUndefined();
  });

  it("sends a body as JSON, with the caller's headers, for POST, PATCH and DELETE", async () => {
    for (const method of ["POST", "PATCH", "DELETE"] as const) {
      const result = await apiFetch(method, `${server.url}/echo`, { body: { favorite: true }, headers: { "idempotency-key": "k1" } });
      expect(result).toEqual({ ok: true, status: 201, data: { method, type: "application/json", key: "k1", body: '{"favorite":true}' } });
    }
  });

  it("sends a FormData as multipart, not as JSON", async () => {
    const form = new FormData();
    form.set("file", new Blob(["png bytes"]), "frame.png");
    const result = await apiFetch<{ type: string; body: string }>("POST", `${server.url}/echo`, { body: form });
    if (!result.ok) throw new Error(result.message);
    expect(result.data.type).toMatch(/^multipart\/form-data; boundary=/);
    expect(result.data.body).toContain("png bytes");
  });

  it("gives the route's message and fields when it refuses", async () => {
    expect(await apiFetch("POST", `${server.url}/refused`, { body: {}, fallback: "Could not save." })).toEqual({
      ok: false,
      status: 422,
      message: "Name is required.",
      fields: { name: "Name is required." },
    });
  });

  it("falls back to the caller's sentence when the answer is not ours, or there is none", async () => {
    expect(await apiFetch("GET", `${server.url}/gateway`, { fallback: "Could not load more videos. Try again." })).toEqual({ ok: false, status: 502, message: "Could not load more videos. Try again." });
    expect(await apiFetch("GET", `${server.url}/gateway`)).toMatchObject({ ok: false, message: "Something went wrong. Try again in a moment." });
    const closed = await localServer(() => ({ status: 200 }));
    await closed.close();
    expect(await apiFetch("DELETE", `${closed.url}/x`, { fallback: "Could not delete the video." })).toEqual({ ok: false, status: null, message: "Could not delete the video." });
    expect(await apiFetch("GET", `${closed.url}/x`)).toMatchObject({ status: null, message: /Could not reach the server/ });
  });

  it("treats an answer with no body as a success", async () => {
    expect(await apiFetch("DELETE", `${server.url}/empty`)).toEqual({ ok: true, status: 204, data: null });
  });

  it("stops when the caller aborts", async () => {
    const abort = new AbortController();
    abort.abort();
    expect(await apiFetch("GET", `${server.url}/ok`, { signal: abort.signal })).toMatchObject({ ok: false, status: null });
  });
});

describe("sendJson", () => {
  it("resolves to the answer, or throws an ApiError carrying the route's message", async () => {
    expect(await sendJson("PATCH", `${server.url}/echo`, { a: 1 })).toMatchObject({ method: "PATCH" });
    const error = await sendJson("POST", `${server.url}/refused`, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ message: "Name is required.", failure: { status: 422, fields: { name: "Name is required." } } });
  });
});
