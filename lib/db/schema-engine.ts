import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";
import { logger } from "../log";

const log = logger("db");

/**
 * Prisma's schema engine compiled to WebAssembly: migrations without the native engine,
 * which cannot be downloaded on every machine. We instantiate the .wasm ourselves so
 * Node 20 needs no --experimental-wasm-modules flag.
 */
type Bindings = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");

let bindings: Promise<Bindings> | undefined;

function loadBindings(): Promise<Bindings> {
  bindings ??= (async () => {
    const require = createRequire(import.meta.url);
    const pkgDir = path.dirname(require.resolve("@prisma/schema-engine-wasm"));
    const registry = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(message: string): void } };
    registry.PRISMA_WASM_PANIC_REGISTRY ??= {
      set_message(message: string) {
        log.fatal(`Prisma schema engine panicked: ${message}`);
      },
    };
    const bg = (await import("@prisma/schema-engine-wasm/schema_engine_bg")) as Bindings;
    const bytes = await readFile(path.join(pkgDir, "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bg as unknown as WebAssembly.ModuleImports });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bg;
  })();
  return bindings;
}

export const noFilters = { externalTables: [], externalEnums: [] };

export type OpenEngine = { engine: SchemaEngine; close(): Promise<void> };

/**
 * The engine connects through its adapter as soon as it is created, even for a diff
 * between two datamodels that never queries, so every use needs a reachable database.
 * One connection only: the engine takes a session advisory lock while migrating, and an
 * unlock sent over another pooled connection would leave it held until that one closes.
 */
export async function openSchemaEngine(connectionString: string): Promise<OpenEngine> {
  const { SchemaEngine } = await loadBindings();
  // The adapter is given settings, not a pg.Pool: its `instanceof pg.Pool` check fails when the
  // adapter's pg and ours load as two module instances (ESM and CJS), and it then took our pool
  // for settings and connected to localhost:5432. The pools it opens are closed with the engine.
  const factory = new PrismaPg({ connectionString, max: 1 });
  const opened: { dispose(): Promise<void> }[] = [];
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const connection = await connect();
    opened.push(connection);
    return connection;
  };
  const adapter = bindMigrationAwareSqlAdapterFactory(factory);
  const log = () => {};
  const engine = await SchemaEngine.new({ datamodels: undefined }, log, adapter);
  return {
    engine,
    async close() {
      engine.free();
      await Promise.all(opened.map((connection) => connection.dispose()));
    },
  };
}

export type SchemaSource = { tag: "empty" } | { tag: "schemaDatamodel"; files: { path: string; content: string }[] };

export function schemaSource(filePath: string, content: string): SchemaSource {
  return { tag: "schemaDatamodel", files: [{ path: filePath, content }] };
}

/** SQL that turns the `from` schema into the `to` schema; empty when they match. */
export async function diffSql(connectionString: string, from: SchemaSource, to: SchemaSource): Promise<string> {
  const { engine, close } = await openSchemaEngine(connectionString);
  try {
    const result = await engine.diff({ from, to, script: true, exitCode: null, filters: noFilters });
    const sql = result.stdout ?? "";
    return sql.includes("This is an empty migration.") ? "" : sql;
  } finally {
    await close();
  }
}
