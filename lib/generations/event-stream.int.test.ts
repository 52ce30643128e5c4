import { afterAll, describe, expect, it, vi } from "vitest";
import { eventReader } from "@/tests/support/sse";
import { userWithCredits } from "@/tests/support/generations";
import { stopQueue } from "../queue/boss";
import { closeNotifications } from "../queue/notifications";
import { generationRequestSchema } from "../validation/generation";
import { MAX_STREAMS_PER_USER, openGenerationStream, openStreamCount } from "./event-stream";
import { findGeneration } from "./queries";
import { submitGeneration } from "./submit";
import { endWithoutVideo } from "./transitions";
import { CEILING } from "@/tests/support/ceilings";

// The real query, counted: how many database fetches the streams make per change.
vi.mock("./queries", async (original) => {
  const actual = await original<typeof import("./queries")>();
  return { ...actual, findGeneration: vi.fn(actual.findGeneration) };
});
const fetches = (id: string) => vi.mocked(findGeneration).mock.calls.filter(([, generationId]) => generationId === id).length;

afterAll(async () => {
  await stopQueue();
  await closeNotifications();
});

function openStreams(userId: string, count: number) {
  return Array.from({ length: count }, () => {
    const abort = new AbortController();
    return { abort, reader: eventReader(openGenerationStream(userId, abort.signal)) };
  });
}

const submit = (user: Awaited<ReturnType<typeof userWithCredits>>) =>
  submitGeneration(user, generationRequestSchema.parse({ kind: "text_to_video", prompt: "kites over a beach" })).then((r) => r.generations[0]!.id);

describe("generation event streams", () => {
  it("keeps at most five streams per user: a sixth closes the oldest, telling it not to reconnect", async () => {
    const user = await userWithCredits("free");
    const id = await submit(user);
    const streams = openStreams(user.id, MAX_STREAMS_PER_USER);
    for (const { reader } of streams) await reader.until((events) => events.some((e) => e.data.id === id));
    expect(openStreamCount(user.id)).toBe(5);

    const [sixth] = openStreams(user.id, 1);
    await sixth!.reader.until((events) => events.some((e) => e.data.id === id));
    const oldest = await streams[0]!.reader.until(() => false);
    expect(streams[0]!.reader.ended).toBe(true);
    expect(oldest.at(-1)).toMatchObject({ event: "superseded", data: { message: expect.stringMatching(/Too many live views/) } });
    expect(openStreamCount(user.id)).toBe(5);

    // The five still open all follow the next change; the closed one saw nothing more.
    await endWithoutVideo(id, { status: "canceled", userId: user.id });
    for (const { reader } of [...streams.slice(1), sixth!]) await reader.until((events) => events.some((e) => e.data.status === "canceled"));
    expect(streams[0]!.reader.events.some((e) => e.data.status === "canceled")).toBe(false);

    for (const { abort } of [...streams, sixth!]) abort.abort();
    expect(openStreamCount(user.id)).toBe(0);
  });

  it("fetches each change once per user, however many of the user's streams are open", async () => {
    const user = await userWithCredits("free");
    const other = await userWithCredits("free");
    const streams = openStreams(user.id, 4);
    const theirs = openStreams(other.id, 1);
    await vi.waitFor(() => expect(openStreamCount(user.id) + openStreamCount(other.id)).toBe(5), { timeout: CEILING.state });

    const id = await submit(user);
    for (const { reader } of streams) await reader.until((events) => events.some((e) => e.data.id === id && e.data.status === "queued"));
    expect(fetches(id)).toBe(1);

    await endWithoutVideo(id, { status: "canceled", userId: user.id });
    for (const { reader } of streams) await reader.until((events) => events.some((e) => e.data.id === id && e.data.status === "canceled"));
    // Two changes, four streams: two fetches, not eight.
    expect(fetches(id)).toBe(2);
    // The other user's feed fetched nothing for it.
    expect(vi.mocked(findGeneration).mock.calls.filter(([userId]) => userId === other.id)).toEqual([]);

    for (const { abort } of [...streams, ...theirs]) abort.abort();
  });
});
