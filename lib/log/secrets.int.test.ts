import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as createKey } from "@/app/api/api-keys/route";
import { POST as stripeWebhook } from "@/app/api/billing/webhook/route";
import { GET as me } from "@/app/api/me/route";
import { POST as confirmReset } from "@/app/api/password-reset/confirm/route";
import { POST as requestReset } from "@/app/api/password-reset/route";
import { POST as signUp } from "@/app/api/signup/route";
import { GET as getTask } from "@/app/v1/videos/text2video/[id]/route";
import { PEER_ADDRESS_HEADER } from "@/lib/http/peer-address.mjs";
import { callApi } from "@/tests/support/api";
import { uniqueEmail } from "@/tests/support/factories";
import { klingJwt } from "@/tests/support/kling-client";
import { sessionCookie } from "@/tests/support/session";
import { linkIn, smtpServerForFile } from "@/tests/support/smtp-server";
import { until } from "@/tests/support/wait";
import { captureLogs } from "./index";

// Real flows (sign-up, mail links, password reset, API keys and calls, a Stripe webhook, a mail
// server that refuses) with every log line captured; none may hold a secret the flows generated.

const smtp = smtpServerForFile();
const secret = (prefix = "") => `${prefix}${randomBytes(18).toString("base64url")}`;
const lines: string[] = [];
let stopCapture: () => void;
const saved = { ...process.env };

beforeAll(() => {
  stopCapture = captureLogs(lines);
});
afterAll(() => {
  stopCapture();
  process.env = saved;
});

// A client address of this run's own (as the server stamps the socket's peer; with no peer every
// request counts as "unknown"): sign-up and reset limits per address are shared with other files' flows.
const clientAddress = `10.${[...randomBytes(3)].join(".")}`;
const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  new NextRequest(`http://reels.test${url}`, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json", [PEER_ADDRESS_HEADER]: clientAddress, ...headers } });

/** A TCP port nothing listens on (an SMTP server that is down). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("the logs of real flows", () => {
  it("hold no password, session token, API secret, bearer token, mail token, Stripe key or webhook secret", async () => {
    const secrets: Record<string, string> = {};
    const email = uniqueEmail("logs");
    secrets.password = `Pw-${secret()}`;
    const created = await signUp(post("/api/signup", { email, password: secrets.password }));
    expect(created.status).toBe(201);
    const { user } = (await created.json()) as { user: { id: string } };
    secrets.verificationToken = linkIn(await smtp.server.waitFor(email, /^Confirm|^Verify/), "/verify-email").searchParams.get("token")!;

    expect((await requestReset(post("/api/password-reset", { email }))).status).toBe(202);
    secrets.resetToken = linkIn(await smtp.server.waitFor(email, /^Reset your Reelsmith password/), "/reset-password").searchParams.get("token")!;
    secrets.newPassword = `New-${secret()}`;
    expect((await confirmReset(post("/api/password-reset/confirm", { token: secrets.resetToken, password: secrets.newPassword }))).status).toBe(200);
    // The reset ended every older session: this browser signed in after it.
    const { cookie } = await sessionCookie(user.id, 1);
    secrets.sessionToken = cookie.split("=")[1]!;
    expect((await me(new NextRequest("http://reels.test/api/me", { headers: { cookie } }))).status).toBe(200);

    const keyResponse = await createKey(post("/api/api-keys", { name: "logs" }, { cookie }));
    expect(keyResponse.status).toBe(201);
    const key = (await keyResponse.json()) as { accessKey: string; secretKey: string };
    secrets.apiSecretKey = key.secretKey;
    secrets.bearer = klingJwt(key.accessKey, key.secretKey);
    const task = await callApi(getTask, { path: "/v1/videos/text2video/missing-task", params: { id: "missing-task" }, authorization: `Bearer ${secrets.bearer}` });
    expect(task.httpStatus).toBe(404);
    expect((await callApi(getTask, { path: "/v1/videos/text2video/x", params: { id: "x" }, authorization: `Bearer ${secrets.bearer}x` })).httpStatus).toBe(401);

    secrets.stripeKey = secret("sk_test_");
    secrets.webhookSecret = secret("whsec_");
    Object.assign(process.env, { STRIPE_SECRET_KEY: secrets.stripeKey, STRIPE_WEBHOOK_SECRET: secrets.webhookSecret });
    const event = JSON.stringify({ id: "evt_logs", object: "event", type: "customer.created", data: { object: { id: "cus_logs", object: "customer" } } });
    const signature = Stripe.webhooks.generateTestHeaderString({ payload: event, secret: secrets.webhookSecret });
    secrets.stripeSignature = signature.split("v1=")[1]!;
    for (const sig of [signature, `${signature}0`]) {
      await stripeWebhook(new NextRequest("http://reels.test/api/billing/webhook", { method: "POST", body: event, headers: { "stripe-signature": sig } }));
    }

    // A mail server that is down, reached with a password: the failure is logged, the password is not.
    secrets.smtpPassword = secret("smtp-");
    process.env.SMTP_URL = `smtp://reelsmith:${secrets.smtpPassword}@127.0.0.1:${await closedPort()}`;
    expect((await requestReset(post("/api/password-reset", { email }))).status).toBe(202);
    await until("the failed mail to be logged", () => lines.some((line) => line.includes("could not send mail")));

    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const requests = entries.filter((entry) => entry.msg === "request");
    expect(requests.length).toBeGreaterThanOrEqual(9);
    for (const entry of requests) expect(entry.requestId).toEqual(expect.any(String));
    for (const [name, value] of Object.entries(secrets)) {
      expect(value.length, name).toBeGreaterThanOrEqual(16);
      const leaks = lines.filter((line) => line.includes(value));
      expect(leaks, `${name} was logged`).toEqual([]);
    }
  }, 60_000);
});
