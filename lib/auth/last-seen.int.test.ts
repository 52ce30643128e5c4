import { describe, expect, it } from "vitest";
import { createTestUser } from "@/tests/support/users";
import { db } from "../db/client";
import { recordLastSeen } from "./last-seen";

const lastSeen = async (id: string) => (await db().user.findUniqueOrThrow({ where: { id }, select: { lastSeenAt: true } })).lastSeenAt;

describe("last seen", () => {
  it("is written on a user's first request, then at most once per five minutes, without a query in between", async () => {
    const user = await createTestUser();
    const t0 = new Date("2026-06-01T10:00:00Z");
    await recordLastSeen(user.id, t0);
    expect(await lastSeen(user.id)).toEqual(t0);

    // Within the resolution this process asks nothing of the database: even a value moved back stays.
    const moved = new Date("2026-06-01T09:00:00Z");
    await db().user.update({ where: { id: user.id }, data: { lastSeenAt: moved } });
    await recordLastSeen(user.id, new Date("2026-06-01T10:04:00Z"));
    expect(await lastSeen(user.id)).toEqual(moved);

    const t1 = new Date("2026-06-01T10:05:30Z");
    await recordLastSeen(user.id, t1);
    expect(await lastSeen(user.id)).toEqual(t1);
  });
});
