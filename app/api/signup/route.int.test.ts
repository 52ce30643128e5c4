import http from "node:http";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { SIGN_UP_LIMITS } from "@/lib/auth/rate-limit";
import { db } from "@/lib/db/client";
import { PEER_ADDRESS_HEADER, stampPeerAddress } from "@/lib/http/peer-address.mjs";
import { GOOD_PASSWORD, uniqueEmail } from "@/tests/support/factories";
import { POST } from "./route";

const post = (body: string, ip = "192.0.2.10") =>
  POST(new NextRequest("http://localhost/api/signup", { method: "POST", body, headers: { "content-type": "application/json", [PEER_ADDRESS_HEADER]: ip } }));

/** The route behind a real HTTP server that stamps the peer address as scripts/next-server.mjs does. */
async function serveSignUp() {
  const server = http.createServer((req, res) => {
    stampPeerAddress(req);
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", async () => {
      const headers = new Headers(Object.entries(req.headers).map(([k, v]) => [k, String(v)] as [string, string]));
      const response = await POST(new NextRequest("http://localhost/api/signup", { method: "POST", body, headers }));
      res.writeHead(response.status, { "content-type": "application/json" });
      res.end(await response.text());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

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

  it("50 sign-ups from one connection rotating X-Forwarded-For (and a forged peer header) are limited as one address", async () => {
    await db().$executeRaw`DELETE FROM rate_limit WHERE key = 'signup_ip:127.0.0.1'`;
    const server = await serveSignUp();
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 50; i++) {
        const response = await fetch(`${server.url}/api/signup`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-forwarded-for": `203.0.113.${i}`, [PEER_ADDRESS_HEADER]: `198.51.100.${i}` },
          body: JSON.stringify({ email: uniqueEmail(), password: GOOD_PASSWORD }),
        });
        statuses.push(response.status);
      }
      expect(statuses.filter((s) => s === 201)).toHaveLength(SIGN_UP_LIMITS.perIp);
      expect(statuses.slice(SIGN_UP_LIMITS.perIp).every((s) => s === 429)).toBe(true);
    } finally {
      await server.stop();
    }
  });
});
