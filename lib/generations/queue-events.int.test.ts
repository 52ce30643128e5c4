import { afterAll, describe, expect, it } from "vitest";
import { createGeneration } from "@/tests/support/generations";
import { eventReader, type SseEvent } from "@/tests/support/sse";
import { createTestUser } from "@/tests/support/users";
import { closeNotifications } from "../queue/notifications";
import { openGenerationStream } from "./event-stream";
import type { QueuePlaceEvent } from "./queue-place";
import { endWithoutVideo } from "./transitions";

afterAll(() => closeNotifications());

// Orders long past: any job another test file left queued is behind these.
const at = (seconds: number) => new Date(Date.UTC(2020, 0, 1) + seconds * 1000);

const placesOf = (events: SseEvent[], id: string) =>
  events.filter((e) => e.event === "queue").flatMap((e) => (e.data as unknown as QueuePlaceEvent).filter((p) => p.id === id).map((p) => p.queue.ahead));

describe("queue places on the event stream", () => {
  it("tells a user's open stream when their queued job moves up because someone else's left the queue", async () => {
    const [alice, bob] = [await createTestUser("premier"), await createTestUser("free")];
    const first = await createGeneration(alice.id, { status: "queued", queueOrder: at(0) });
    const mine = await createGeneration(bob.id, { status: "queued", queueOrder: at(10) });
    const abort = new AbortController();
    const reader = eventReader(openGenerationStream(bob.id, abort.signal));
    try {
      const [ahead] = placesOf(await reader.until((events) => placesOf(events, mine.id).length > 0), mine.id);
      expect(ahead).toBeGreaterThanOrEqual(1);
      // Alice's job, just ahead, is cancelled: Bob's stream hears that his moved up one place.
      await endWithoutVideo(first.id, { status: "canceled", userId: alice.id });
      const moved = placesOf(await reader.until((events) => placesOf(events, mine.id).length > 1), mine.id);
      expect(moved.at(-1)).toBe(ahead! - 1);
      expect(reader.events.some((e) => e.data.id === first.id)).toBe(false);
    } finally {
      abort.abort();
    }
  });
});
