import { describe, expect, it } from "vitest";
import { createTestUser } from "@/tests/support/users";
import { until } from "@/tests/support/wait";
import { endAllSessions, suspendUser } from "../admin/accounts";
import { db } from "../db/client";
import { sql, sqlTransaction } from "../db/sql";
import { watchUserChanges } from "../queue/notifications";
import { forgetSessionUser } from "./session-cache";
import { findSessionUser } from "./users";

/** Changes the plan with triggers off: no notification, as if a change went unheard. */
const changeUnheard = (id: string, plan: "pro" | "premier") =>
  sqlTransaction(async (tx) => {
    await tx.$executeRaw`SET LOCAL session_replication_role = replica`;
    await tx.$executeRaw`UPDATE "User" SET plan = ${plan}::"Plan" WHERE id = ${id}`;
  });

/** Reads the user's row once this process listens for user changes, so it is kept. */
async function kept(id: string) {
  await findSessionUser(id, 0);
  await watchUserChanges({ changed: () => {}, lost: () => {} });
  await new Promise((resolve) => setImmediate(resolve));
  await findSessionUser(id, 0);
}

describe("session rows kept per process", () => {
  it("reads a user's row once, then answers from what it kept until told of a change", async () => {
    const user = await createTestUser();
    await kept(user.id);
    await changeUnheard(user.id, "pro");
    expect((await findSessionUser(user.id, 0))?.plan).toBe("free");
    forgetSessionUser(user.id);
    expect((await findSessionUser(user.id, 0))?.plan).toBe("pro");
  });

  it("hears a change made elsewhere (the trigger's notification), with no call in this process", async () => {
    const user = await createTestUser();
    await kept(user.id);
    await db().user.update({ where: { id: user.id }, data: { plan: "premier" } });
    await until("the change to be heard", async () => (await findSessionUser(user.id, 0))?.plan === "premier");
    // Last seen is not a session field: writing it notifies nobody and keeps the row.
    await changeUnheard(user.id, "pro");
    await db().user.update({ where: { id: user.id }, data: { lastSeenAt: new Date() } });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await findSessionUser(user.id, 0))?.plan).toBe("premier");
  });

  it("refuses the very next request after a suspension or the end of all sessions", async () => {
    const admin = { id: (await createTestUser()).id, email: "admin@example.test" };
    const one = await createTestUser();
    await kept(one.id);
    await endAllSessions(admin, one.id, "lost laptop");
    expect(await findSessionUser(one.id, 0)).toBeNull();
    expect(await findSessionUser(one.id, 1)).not.toBeNull();

    const two = await createTestUser();
    await kept(two.id);
    await suspendUser(admin, two.id, "abuse");
    expect(await findSessionUser(two.id, 1)).toBeNull();
  });

  it("keeps nothing while it cannot hear changes: a dropped LISTEN connection forgets every row", async () => {
    const user = await createTestUser();
    await kept(user.id);
    await sql().$executeRaw`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                             WHERE application_name = 'reelsmith-events' AND datname = current_database() AND pid <> pg_backend_pid()`;
    await changeUnheard(user.id, "pro");
    await until("the row to be read again", async () => (await findSessionUser(user.id, 0))?.plan === "pro");
  });
});
