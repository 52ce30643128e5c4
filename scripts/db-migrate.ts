// Applies pending migrations to DATABASE_URL (or the embedded database) and exits.
// Starting the app does this too; this is for deploy pipelines.
import { bootRuntime } from "../lib/runtime/boot";

const runtime = await bootRuntime();
console.log(runtime.appliedMigrations.length ? `Applied ${runtime.appliedMigrations.join(", ")}` : "Migrations up to date.");
await runtime.shutdown();
