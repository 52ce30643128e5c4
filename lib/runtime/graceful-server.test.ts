import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { refusedWhileStopping, stopServer } from "./graceful-server.mjs";
import { onShutdown } from "./lifecycle.mjs";

/** A server like scripts/next-server.mjs: an event stream that a shutdown step ends, and a plain route. */
async function startServer() {
  const server = http.createServer((req, res) => {
    if (refusedWhileStopping(res)) return;
    if (req.url === "/events") {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write("retry: 3000\n\n");
      onShutdown("test-streams", () => res.end());
      return;
    }
    res.end("ok");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

const get = (port: number, path: string, agent: http.Agent) =>
  new Promise<http.IncomingMessage>((resolve, reject) => http.get({ host: "127.0.0.1", port, path, agent }, resolve).once("error", reject));

const bodyOf = (res: http.IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    let text = "";
    res.on("data", (chunk: Buffer) => (text += chunk.toString()));
    res.once("end", () => resolve(text));
    res.once("error", reject);
  });

describe("a web server shutting down", () => {
  it("ends its event streams cleanly, refuses requests on kept-alive connections, and stops listening", async () => {
    const { server, port } = await startServer();
    const keptAlive = new http.Agent({ keepAlive: true, maxSockets: 1 });
    expect(await bodyOf(await get(port, "/", keptAlive))).toBe("ok");
    const stream = await get(port, "/events", new http.Agent());
    const streamBody = bodyOf(stream);

    const stopped = stopServer(server, 10_000);
    // The stream ends as a complete response (the browser reconnects elsewhere after its retry delay).
    expect(await streamBody).toBe("retry: 3000\n\n");
    expect(await stopped).toEqual([]);
    await expect(get(port, "/", new http.Agent())).rejects.toThrow(/ECONNREFUSED/);
    keptAlive.destroy();
  });

  it("answers 503 with Connection: close to a request that arrives while it stops", async () => {
    const { server } = await startServer();
    const stopping = stopServer(server, 10_000);
    // A request already on its way over an open connection: what a kept-alive client sends late.
    const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const socketServer = http.createServer((req, out) => (refusedWhileStopping(out) ? undefined : out.end("served")));
      socketServer.listen(0, "127.0.0.1", () => {
        http.get({ host: "127.0.0.1", port: (socketServer.address() as AddressInfo).port, path: "/" }, (answer) => {
          socketServer.close();
          resolve(answer);
        }).once("error", reject);
      });
    });
    expect(res.statusCode).toBe(503);
    expect(res.headers.connection).toBe("close");
    expect(JSON.parse(await bodyOf(res))).toEqual({ error: { message: "This server is restarting; try again." } });
    await stopping;
  });
});
