import http from "node:http";
import type { AddressInfo } from "node:net";

export type Received = { method: string; url: string; headers: http.IncomingHttpHeaders; body: string; at: number };

/** A local HTTP server whose answers the test decides; it records what it was sent. */
export async function localServer(answer: (req: Received, index: number) => { status: number; body?: Buffer | string; headers?: Record<string, string> }) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const entry = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), at: Date.now() };
      received.push(entry);
      const { status, body, headers } = answer(entry, received.length - 1);
      res.writeHead(status, headers);
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
