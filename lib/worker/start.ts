import "server-only";
import { expireDueGrants } from "../credits/ledger";
import { QUEUES, queue } from "../queue/boss";

/**
 * Registers this process as a worker: the scheduled jobs and their handlers. pg-boss makes
 * sure a schedule fires once per minute across all workers, however many there are.
 */
export async function startWorker(): Promise<void> {
  const boss = await queue();
  await boss.schedule(QUEUES.creditsExpiry, "* * * * *", {}, { tz: "UTC" });
  await boss.work(QUEUES.creditsExpiry, { pollingIntervalSeconds: 1 }, async () => {
    const closed = await expireDueGrants();
    if (closed > 0) console.log(`[worker] closed ${closed} expired credit grants`);
  });
}
