import "server-only";
import PgBoss from "pg-boss";

/** Queue names: one per kind of background work. */
export const QUEUES = {
  creditsExpiry: "credits-expiry",
} as const;

const holder = globalThis as { __reelsmithBoss?: Promise<PgBoss> };

/** This process's pg-boss, on the app's own database (schema `pgboss`), started on first use. */
export function queue(): Promise<PgBoss> {
  holder.__reelsmithBoss ??= (async () => {
    const boss = new PgBoss({ connectionString: process.env.DATABASE_URL, schema: "pgboss", max: 4, application_name: "reelsmith-queue" });
    boss.on("error", (error) => console.error("[queue]", error));
    await boss.start();
    await Promise.all(Object.values(QUEUES).map((name) => boss.createQueue(name)));
    return boss;
  })();
  return holder.__reelsmithBoss;
}

export async function stopQueue(): Promise<void> {
  const boss = holder.__reelsmithBoss;
  holder.__reelsmithBoss = undefined;
  if (boss) await (await boss).stop({ graceful: true, timeout: 10_000 });
}
