// Used by the Prisma CLI (`prisma generate`, and `prisma migrate deploy` where the native engine is available).
// The app itself applies migrations through lib/db/migrate.ts and never needs this file.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/reelsmith" },
});
