// Applies pending migrations to DATABASE_URL (or the embedded database) and exits.
// Starting the app does this too; this is for deploy pipelines.
import { bootOrExit } from "../lib/runtime/boot";

const runtime = await bootOrExit();
console.log(runtime.appliedMigrations.length ? `Applied ${runtime.appliedMigrations.join(", ")}` : "Migrations up to date.");
await runtime.shutdown();
