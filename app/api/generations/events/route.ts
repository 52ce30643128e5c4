import { subscribeToGenerations } from "@/lib/queue/notifications";
import { presentGeneration } from "@/lib/generations/present";
import { findGeneration, listGenerations, ACTIVE_STATUSES } from "@/lib/generations/queries";
import { handler } from "@/lib/http/handler";

export const dynamic = "force-dynamic";

const KEEPALIVE_MS = 15_000;

/**
 * Server-sent events: the user's active generations at once, then every change of any of their
 * generations (`event: generation`, data = the generation as GET /api/generations shows it).
 */
export const GET = handler({ auth: "user" }, async ({ req, user }) => {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (chunk: string) => {
        try {
          controller.enqueue(encoder.encode(chunk));
        } catch {
          cleanup();
        }
      };
      const sendGeneration = async (id: string) => {
        const generation = await findGeneration(user.id, id);
        if (generation) send(`event: generation\ndata: ${JSON.stringify(presentGeneration(generation))}\n\n`);
      };
      // Changes that arrive while one is being sent coalesce: the stream always ends on the latest state.
      const pending = new Set<string>();
      let flushing = false;
      const flush = async () => {
        if (flushing) return;
        flushing = true;
        while (pending.size) {
          const [id] = pending;
          pending.delete(id!);
          await sendGeneration(id!).catch(() => {});
        }
        flushing = false;
      };
      const unsubscribe = await subscribeToGenerations(user.id, (id) => {
        pending.add(id);
        void flush();
      });
      const keepalive = setInterval(() => send(": keepalive\n\n"), KEEPALIVE_MS);
      cleanup = () => {
        clearInterval(keepalive);
        unsubscribe();
      };
      // A client that goes away cancels the stream (cancel() below); this covers a request aborted first.
      req.signal.addEventListener("abort", () => cleanup());
      send("retry: 3000\n\n");
      const { items } = await listGenerations(user.id, { status: ACTIVE_STATUSES, limit: 100 });
      for (const g of items.reverse()) send(`event: generation\ndata: ${JSON.stringify(presentGeneration(g))}\n\n`);
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", connection: "keep-alive", "x-accel-buffering": "no" },
  });
});
