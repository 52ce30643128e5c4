import { afterAll, describe, expect, it } from "vitest";
import { createTestUser } from "@/tests/support/users";
import { db } from "../db/client";
import { grantCredits } from "../credits/ledger";
import { QUEUES, queue } from "../queue/boss";
import { startWorker, stopWorker } from "./start";
import { CEILING } from "@/tests/support/ceilings";

afterAll(() => stopWorker());

describe("the worker", () => {
  it("schedules credit expiry every minute and closes expired grants when it runs", async () => {
    const user = await createTestUser();
    const { grantId } = await grantCredits({
      userId: user.id,
      source: "daily_bonus",
      amount: 66,
      expiresAt: new Date(Date.now() - 1000),
      externalRef: `worker-test-${user.id}`,
      now: new Date(Date.now() - 86_400_000),
    });
    await startWorker();
    const boss = await queue();
    const schedules = await boss.getSchedules();
    expect(schedules.find((s) => s.name === QUEUES.creditsExpiry)).toMatchObject({ cron: "* * * * *" });

    await boss.send(QUEUES.creditsExpiry, {}); // what the schedule sends each minute
    await expect
      .poll(async () => (await db().creditGrant.findUniqueOrThrow({ where: { id: grantId! } })).expiredAt, { timeout: CEILING.state })
      .not.toBeNull();
    const entry = await db().creditEntry.findFirstOrThrow({ where: { grantId: grantId!, reason: "expire" } });
    expect(entry.amount).toBe(-66);
  });
});
