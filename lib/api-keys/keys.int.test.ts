import { describe, expect, it } from "vitest";
import { db } from "../db/client";
import { createTestUser } from "@/tests/support/users";
import { activeKeyByAccessKey, createApiKey, touchApiKey } from "./keys";

describe("API key use", () => {
  it("records the last use at most once a minute", async () => {
    const user = await createTestUser();
    const { accessKey } = await createApiKey(user.id, "k");
    const lastUsed = async () => (await db().apiKey.findUniqueOrThrow({ where: { accessKey } })).lastUsedAt;
    const t0 = new Date("2026-06-01T12:00:00Z");
    await touchApiKey((await activeKeyByAccessKey(accessKey))!.key, t0);
    expect(await lastUsed()).toEqual(t0);
    await touchApiKey((await activeKeyByAccessKey(accessKey))!.key, new Date(t0.getTime() + 30_000));
    expect(await lastUsed()).toEqual(t0);
    const later = new Date(t0.getTime() + 61_000);
    // Even from a stale copy of the key (another request read it earlier), the guard is in the update.
    const stale = { ...(await activeKeyByAccessKey(accessKey))!.key, lastUsedAt: null };
    await Promise.all([touchApiKey(stale, later), touchApiKey(stale, new Date(later.getTime() + 5))]);
    expect([later.getTime(), later.getTime() + 5]).toContain((await lastUsed())!.getTime());
  });
});
