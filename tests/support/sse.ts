export type SseEvent = { event: string; data: { id?: string; status?: string; refunded?: boolean; message?: string } };

/** Collects server-sent events from a response body; `until` reads on until the test is satisfied or the body ends. */
export function eventReader(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const events: SseEvent[] = [];
  let buffer = "";
  let ended = false;
  return {
    events,
    get ended() {
      return ended;
    },
    async until(done: (events: SseEvent[]) => boolean) {
      const deadline = Date.now() + 10_000;
      while (!done(events) && !ended) {
        if (Date.now() > deadline) throw new Error(`timed out with ${JSON.stringify(events)}`);
        const chunk = await reader.read();
        if (chunk.done) {
          ended = true;
          break;
        }
        buffer += decoder.decode(chunk.value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) events.push({ event, data: JSON.parse(data) });
        }
      }
      return events;
    },
  };
}
