import { afterAll, describe, expect, it } from "vitest";
import { grantCredits } from "@/lib/credits/ledger";
import { closeNotifications } from "@/lib/queue/notifications";
import { submitGeneration } from "@/lib/generations/submit";
import { endWithoutVideo } from "@/lib/generations/transitions";
import { stopQueue } from "@/lib/queue/boss";
import { generationRequestSchema } from "@/lib/validation/generation";
import { authedRequest } from "@/tests/support/session";
import { eventReader } from "@/tests/support/sse";
import { createTestUser } from "@/tests/support/users";
import { GET } from "./route";

afterAll(async () => {
  await stopQueue();
  await closeNotifications();
});

async function queuedJob() {
  const user = await createTestUser();
  await grantCredits({ userId: user.id, source: "promo", amount: 100, expiresAt: new Date("2099-01-01"), externalRef: `p-${user.id}` });
  const { generations } = await submitGeneration({ ...user, plan: "free" }, generationRequestSchema.parse({ kind: "text_to_video", prompt: "neon rain" }));
  return { user, id: generations[0]!.id };
}

describe("GET /api/generations/events", () => {
  it("refuses a signed-out caller", async () => {
    expect((await GET(await authedRequest("/api/generations/events", null))).status).toBe(401);
  });

  it("sends the user's active jobs, then each change, and nothing of other users", async () => {
    const mine = await queuedJob();
    const theirs = await queuedJob();
    const abort = new AbortController();
    const response = await GET(await authedRequest("/api/generations/events", mine.user.id, { signal: abort.signal }));
    expect(response.headers.get("content-type")).toMatch(/text\/event-stream/);

    const stream = eventReader(response.body!);
    const first = await stream.until((events) => events.length >= 1);
    expect(first[0]).toMatchObject({ event: "generation", data: { id: mine.id, status: "queued" } });

    await endWithoutVideo(theirs.id, { status: "canceled", userId: theirs.user.id });
    await endWithoutVideo(mine.id, { status: "canceled", userId: mine.user.id });
    const all = await stream.until((events) => events.some((e) => e.data.status === "canceled"));
    const seen = all.map((e) => e.data.id);
    expect(seen).toContain(mine.id);
    expect(seen).not.toContain(theirs.id);
    expect(all.at(-1)).toMatchObject({ data: { id: mine.id, status: "canceled", refunded: true } });
    abort.abort();
  });
});
