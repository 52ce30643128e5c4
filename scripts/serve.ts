// `npm run dev` / `npm start`: prepares the runtime (embedded PostgreSQL unless DATABASE_URL
// is set, migrations, generated secrets), then runs Next.js with it, and stops the database
// it started when Next.js exits.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { bootOrExit } from "../lib/runtime/boot";

const [mode, ...args] = process.argv.slice(2);
if (mode !== "dev" && mode !== "start") {
  console.error("Usage: tsx scripts/serve.ts dev|start [next options]");
  process.exit(2);
}

// `next start` serves a production build: the start-up checks hold it to production rules.
if (mode === "start") Object.assign(process.env, { NODE_ENV: "production" });

const started = performance.now();
const runtime = await bootOrExit();
const where = process.env.EMBEDDED_PG_DATABASE ?? "reelsmith";
console.log(
  `▲ Reelsmith database ready in ${Math.round(performance.now() - started)} ms — ` +
    (runtime.ownsDatabase ? `embedded PostgreSQL (data/pg, database "${where}")` : "using DATABASE_URL or a running embedded server") +
    (runtime.appliedMigrations.length ? `; applied ${runtime.appliedMigrations.join(", ")}` : "; migrations up to date"),
);

process.env.NEXT_TELEMETRY_DISABLED ??= "1";
const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
const next = spawn(process.execPath, [nextBin, mode, ...args], { stdio: "inherit", env: process.env });

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => next.kill(signal));
}

next.on("exit", async (code, signal) => {
  await runtime.shutdown();
  process.exit(code ?? (signal ? 0 : 1));
});
