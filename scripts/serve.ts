// `npm run dev` / `npm start`: prepares the runtime (embedded PostgreSQL unless DATABASE_URL
// is set, migrations, generated secrets), then runs Next.js with it (scripts/next-server.mjs,
// which tells route handlers each request's peer address), and stops the database it started
// when Next.js exits.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { logger } from "../lib/log";
import { bootOrExit } from "../lib/runtime/boot";

const log = logger("runtime");

const [mode, ...args] = process.argv.slice(2);
if (mode !== "dev" && mode !== "start") {
  console.error("Usage: tsx scripts/serve.ts dev|start [next options]");
  process.exit(2);
}

// `start` serves the production build: start-up checks and Next.js both hold it to production rules.
Object.assign(process.env, { NODE_ENV: mode === "start" ? "production" : "development" });

const started = performance.now();
const runtime = await bootOrExit();
const where = process.env.EMBEDDED_PG_DATABASE ?? "reelsmith";
log.info(
  `▲ Reelsmith database ready in ${Math.round(performance.now() - started)} ms — ` +
    (runtime.ownsDatabase ? `embedded PostgreSQL (data/pg, database "${where}")` : "using DATABASE_URL or a running embedded server") +
    (runtime.appliedMigrations.length ? `; applied ${runtime.appliedMigrations.join(", ")}` : "; migrations up to date"),
);

process.env.NEXT_TELEMETRY_DISABLED ??= "1";
const nextServer = fileURLToPath(new URL("./next-server.mjs", import.meta.url));
const next = spawn(process.execPath, [nextServer, mode, ...args], { stdio: "inherit", env: process.env });

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => next.kill(signal));
}

next.on("exit", async (code, signal) => {
  await runtime.shutdown();
  process.exit(code ?? (signal ? 0 : 1));
});
