import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";

export type Db = InstanceType<typeof PrismaClient>;

function createClient(): Db {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    throw new Error(
      "DATABASE_URL is not set. Start Reelsmith with `npm run dev` or `npm start`, which start the embedded database, or set DATABASE_URL.",
    );
  }
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) }) });
}

// One client per process, surviving Next's dev-mode module reloads.
const holder = globalThis as { __reelsmithDb?: Db };

/** The Prisma client. Created on first use, so importing this module never needs a database. */
export function db(): Db {
  holder.__reelsmithDb ??= createClient();
  return holder.__reelsmithDb;
}
