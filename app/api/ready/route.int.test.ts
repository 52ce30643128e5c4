import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { stopQueue } from "@/lib/queue/boss";
import { shutDown } from "@/lib/runtime/lifecycle.mjs";
import type { Readiness } from "@/lib/runtime/readiness";
import { GET } from "./route";

const saved = { ...process.env };
afterEach(() => void (process.env = { ...saved }));
afterAll(() => stopQueue());

async function ready() {
  const response = await GET(new NextRequest("http://localhost/api/ready"));
  return { status: response.status, body: (await response.json()) as Readiness };
}

describe("GET /api/ready", () => {
  it("is 200 when the database, its migrations, the queue and the storage are all there", async () => {
    process.env.MEDIA_DIR = mkdtempSync(path.join(tmpdir(), "ready-media-"));
    const { status, body } = await ready();
    expect(status).toBe(200);
    expect(body).toEqual({ ready: true, checks: { shutdown: { ok: true }, database: { ok: true }, migrations: { ok: true }, queue: { ok: true }, storage: { ok: true } } });
  });

  it("is 503 naming a migration the database lacks", async () => {
    const [latest] = await db().$queryRaw<{ migration_name: string }[]>`SELECT migration_name FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1`;
    await db().$executeRaw`UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = ${latest!.migration_name}`;
    try {
      const { status, body } = await ready();
      expect(status).toBe(503);
      expect(body.ready).toBe(false);
      expect(body.checks.migrations).toEqual({ ok: false, message: expect.stringContaining(latest!.migration_name) });
      expect(body.checks.database.ok).toBe(true);
    } finally {
      await db().$executeRaw`UPDATE _prisma_migrations SET rolled_back_at = NULL WHERE migration_name = ${latest!.migration_name}`;
    }
  });

  it("is 503 when the media storage takes no writes", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "ready-")), "a-file");
    writeFileSync(file, "");
    process.env.MEDIA_DIR = path.join(file, "media"); // a folder inside a file cannot exist
    const { status, body } = await ready();
    expect(status).toBe(503);
    expect(body.checks.storage).toEqual({ ok: false, message: expect.stringMatching(/^The media storage: /) });
    expect(body.checks.database.ok && body.checks.migrations.ok && body.checks.queue.ok).toBe(true);
  });

  // Last: the process stays in its shutting-down state.
  it("is 503 once the process has begun shutting down, so a load balancer stops sending to it", async () => {
    process.env.MEDIA_DIR = mkdtempSync(path.join(tmpdir(), "ready-media-"));
    expect(await shutDown()).toEqual([]);
    const { status, body } = await ready();
    expect(status).toBe(503);
    expect(body.checks.shutdown).toEqual({ ok: false, message: "This process is shutting down." });
  });
});
