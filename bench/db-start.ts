// Cold-start time of the embedded database: first start (initdb + start + all migrations)
// and later starts (start + migrations already applied), in a throwaway data folder.
// Run: npm run bench:db-start
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const root = mkdtempSync(path.join(tmpdir(), "reelsmith-bench-"));
chmodSync(root, 0o755); // the embedded server may run as another user
process.env.REELSMITH_DATA_DIR = path.join(root, "data");
delete process.env.DATABASE_URL;
process.env.EMBEDDED_PG_PORT = "0";

const { bootRuntime } = await import("../lib/runtime/boot");

async function timedStart(): Promise<number> {
  const started = performance.now();
  const runtime = await bootRuntime();
  const ms = performance.now() - started;
  await runtime.shutdown();
  delete process.env.DATABASE_URL;
  return ms;
}

try {
  const first = await timedStart();
  const later: number[] = [];
  for (let i = 0; i < 5; i++) later.push(await timedStart());
  later.sort((a, b) => a - b);
  const median = later[Math.floor(later.length / 2)]!;
  console.log(`first start (initdb + start + migrations): ${first.toFixed(0)} ms`);
  console.log(`later starts (start + migrations up to date): ${later.map((ms) => ms.toFixed(0)).join(", ")} ms; median ${median.toFixed(0)} ms`);
  console.log(`db-start: ${first.toFixed(0)} ms (goal < 5000 ms first start; later starts median ${median.toFixed(0)} ms)`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
