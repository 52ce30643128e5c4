import { ensureDatabase, ensureEmbeddedCluster, recreateDatabase } from "../db/embedded";
import { billingMode } from "../billing/mode";
import { loadPricingConfig } from "../credits/config";
import { proxyTrust } from "../http/client-address";
import { checkEngineConfig } from "../engines/routing";
import { applyPendingMigrations } from "../db/migrations";
import { loadOrCreateSecret } from "./secrets";
import { checkMailConfig } from "../mail/start-check";
import { checkMetricsConfig } from "../metrics/config";
import { logger } from "../log";

const log = logger("runtime");

export type Runtime = {
  databaseUrl: string;
  /** Whether this process started the embedded PostgreSQL (and so must stop it). */
  ownsDatabase: boolean;
  appliedMigrations: string[];
  shutdown(): Promise<void>;
};

/**
 * Everything a Reelsmith process needs before it serves or works: a valid pricing
 * configuration, engine routing, billing mode, proxy trust and mail links (checked first, so a bad file stops start-up before anything runs), a database
 * (DATABASE_URL, or the embedded one started or joined here), its migrations applied,
 * and the secrets a fresh machine generates once into data/. Fills process.env.
 */
export async function bootRuntime(): Promise<Runtime> {
  loadPricingConfig();
  checkEngineConfig();
  billingMode();
  proxyTrust();
  checkMailConfig();
  checkMetricsConfig();
  let databaseUrl = process.env.DATABASE_URL;
  let shutdown = async () => {};
  let ownsDatabase = false;
  if (!databaseUrl) {
    const cluster = await ensureEmbeddedCluster();
    const name = process.env.EMBEDDED_PG_DATABASE ?? "reelsmith";
    // EMBEDDED_PG_RESET=1 starts from an empty database (the e2e suite uses it); never touches DATABASE_URL.
    databaseUrl = process.env.EMBEDDED_PG_RESET === "1" ? await recreateDatabase(cluster, name) : await ensureDatabase(cluster, name);
    shutdown = cluster.stop;
    ownsDatabase = cluster.owned;
  }
  const appliedMigrations = await applyPendingMigrations(databaseUrl);
  process.env.DATABASE_URL = databaseUrl;
  process.env.NEXTAUTH_SECRET ??= loadOrCreateSecret("nextauth-secret");
  process.env.API_SERVER_KEY ??= loadOrCreateSecret("api-server-key");
  return { databaseUrl, ownsDatabase, appliedMigrations, shutdown };
}

/** bootRuntime() for entry points: a start-up error is printed as the message a person acts on. */
export async function bootOrExit(): Promise<Runtime> {
  try {
    return await bootRuntime();
  } catch (error) {
    const message = `Reelsmith cannot start.\n${error instanceof Error ? error.message : String(error)}`;
    log.fatal(message);
    // The person at the terminal reads stderr, whatever the log lines are shipped to.
    process.stderr.write(`${message}\n`);
    process.exit(1);
  }
}
