import { describe, expect, it } from "vitest";
import { grantCredits } from "@/lib/credits/ledger";
import { authedRequest } from "@/tests/support/session";
import { createTestUser } from "@/tests/support/users";
import { GET } from "./route";
import { POST as price } from "./price/route";

describe("credit endpoints", () => {
  it("refuse a request without a session", async () => {
    const response = await GET(await authedRequest("/api/credits", null));
    expect(response.status).toBe(401);
  });

  it("show only the caller's own balance, with today's bonus granted on the first request", async () => {
    const [alice, bob] = [await createTestUser(), await createTestUser()];
    await grantCredits({ userId: bob.id, source: "promo", amount: 500, expiresAt: new Date("2099-01-01"), externalRef: `promo-${bob.id}` });
    const response = await GET(await authedRequest("/api/credits", alice.id));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.balance).toBe(66);
    expect(body.buckets).toHaveLength(1);
    expect(body.buckets[0]).toMatchObject({ source: "daily_bonus", remaining: 66 });
  });

  it("price a request on the server and ignore a price sent by the client", async () => {
    const user = await createTestUser("standard");
    const body = JSON.stringify({ kind: "text_to_video", prompt: "tide pools at dawn", mode: "professional", duration: 10, count: 3 });
    const response = await price(await authedRequest("/api/credits/price", user.id, { method: "POST", body }));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ price: { perGeneration: 70, count: 3, total: 210 }, blocked: { code: "insufficient_credits" } });

    const sneaky = await price(
      await authedRequest("/api/credits/price", user.id, { method: "POST", body: JSON.stringify({ kind: "text_to_video", prompt: "x", credits: 1 }) }),
    );
    expect(sneaky.status).toBe(422);
    expect((await sneaky.json()).error.message).toMatch(/credits/);
  });
});
