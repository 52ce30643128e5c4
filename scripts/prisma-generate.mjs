// Generates the Prisma client (npm postinstall). The CLI refuses to run without its native
// schema engine, which cannot be downloaded everywhere, but `generate` never uses it: point it
// at any existing file. The app migrates through the wasm engine (lib/db/migrations.ts).
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const prismaCli = createRequire(import.meta.url).resolve("prisma/build/index.js");
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
const result = spawnSync(process.execPath, [prismaCli, "generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
