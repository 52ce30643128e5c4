import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { GOOD_PASSWORD, uniqueEmail } from "@/tests/support/factories";
import { POST } from "./route";

const post = (body: string, ip = "192.0.2.10") =>
  POST(new NextRequest("http://localhost/api/signup", { method: "POST", body, headers: { "content-type": "application/json", "x-forwarded-for": ip } }));

describe("POST /api/signup", () => {
  it("creates the account: 201 with the public user, no hash", async () => {
    const email = uniqueEmail();
    const response = await post(JSON.stringify({ email, password: GOOD_PASSWORD, name: "Lin" }));
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body).toEqual({ user: { id: expect.any(String), email, name: "Lin", plan: "free" } });
  });

  it("409 for a taken email, with the message on the email field", async () => {
    const email = uniqueEmail();
    await post(JSON.stringify({ email, password: GOOD_PASSWORD }));
    const response = await post(JSON.stringify({ email, password: GOOD_PASSWORD }));
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({
      error: {
        message: "An account with this email already exists. Sign in instead.",
        fields: { email: "An account with this email already exists. Sign in instead." },
      },
    });
  });

  it("422 naming each bad field, and writes nothing", async () => {
    const email = uniqueEmail();
    const response = await post(JSON.stringify({ email, password: "abc" }));
    expect(response.status).toBe(422);
    expect((await response.json()).error.fields).toEqual({ password: "Use at least 10 characters." });
    expect(await db().user.count({ where: { email } })).toBe(0);
  });

  it("400 for a body that is not JSON", async () => {
    const response = await post("email=a@b.c");
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { message: "The request body must be JSON (Content-Type: application/json)." } });
  });

  it("429 with Retry-After once one address has signed up too often", async () => {
    const ip = `198.51.100.${Math.floor(Math.random() * 250)}`;
    let last: Response | undefined;
    for (let i = 0; i < 25; i++) {
      last = await post(JSON.stringify({ email: uniqueEmail(), password: "x" }), ip);
      if (last.status === 429) break;
    }
    expect(last?.status).toBe(429);
    expect(Number(last?.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await last!.json()).error.message).toMatch(/^Too many sign-ups from your network\. Try again in \d+ s\.$/);
  });
});
