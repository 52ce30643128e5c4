import "server-only";
import { createHash } from "node:crypto";
import pg from "pg";
import { dbPool } from "./client";
import { Prisma } from "./generated/client";

/**
 * Plain SQL on the pool under Prisma, for the paths every request takes (the session user, the
 * balance, the job list, a submit's transaction). The same query costs about half the CPU here
 * as through Prisma's $queryRaw, and a transaction a quarter of an interactive $transaction
 * (bench:api). It speaks the raw subset of Prisma's client, so code written against RawSql runs
 * on either: given a Prisma transaction, in that transaction; given sqlTransaction's, in this one.
 */
export interface RawSql {
  $queryRaw<T = unknown>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<T>;
  $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<number>;
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}

const TIMESTAMP_OID = 1114;

// Prisma keeps DateTime as `timestamp(3)` in UTC: read it as UTC, whatever the server's time zone.
const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === TIMESTAMP_OID && format !== "binary") return (text: string) => new Date(`${text.replace(" ", "T")}Z`);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

// A Date goes as ISO text in UTC: a `timestamp` column takes its digits (ignoring the Z), a `timestamptz` the instant.
const param = (value: unknown) => (value instanceof Date ? value.toISOString() : value === undefined ? null : value);

function statementOf(query: TemplateStringsArray | Prisma.Sql, values: unknown[]): { text: string; values: unknown[] } {
  const built = query instanceof Prisma.Sql ? query : Prisma.sql(query, ...(values as Prisma.Sql[]));
  return { text: built.text, values: built.values };
}

const PREPARED = Symbol("prepared");
type Prepared = { [PREPARED]: <T>(query: Prisma.Sql) => Promise<T> };

const names = new Map<string, string>();
/** The name a statement is prepared under on each connection: the same text, the same name. */
function nameOf(text: string): string {
  let name = names.get(text);
  if (!name) names.set(text, (name = `rs_${createHash("sha1").update(text).digest("hex").slice(0, 24)}`));
  return name;
}

function rawSqlOn(client: pg.Pool | pg.PoolClient): RawSql & Prepared {
  const run = async (text: string, values: unknown[], name?: string) => client.query({ text, values: values.map(param), types, name });
  return {
    async [PREPARED]<T>(query: Prisma.Sql) {
      return (await run(query.text, query.values, nameOf(query.text))).rows as T;
    },
    async $queryRaw<T>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) {
      const statement = statementOf(query, values);
      return (await run(statement.text, statement.values)).rows as T;
    },
    async $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) {
      const statement = statementOf(query, values);
      return (await run(statement.text, statement.values)).rowCount ?? 0;
    },
    async $queryRawUnsafe<T>(text: string, ...values: unknown[]) {
      return (await run(text, values)).rows as T;
    },
  };
}

/**
 * Runs `query` as a prepared statement on `tx`'s connection when `tx` is ours: parsed and planned once
 * per connection, then only executed (a large statement, such as a submit's, plans for longer than it
 * runs). On a Prisma transaction, or with DATABASE_PREPARED_STATEMENTS=off (a pooler that does not
 * keep prepared statements: PgBouncer before 1.21, or without max_prepared_statements), as a plain
 * query. Only for statements of fixed text: each distinct text stays prepared on every connection
 * that ran it. Name the columns it returns (no `*` of a table): a prepared statement whose table
 * gains a column (a deploy's migration) would fail.
 */
export async function preparedQuery<T>(tx: RawSql, query: Prisma.Sql): Promise<T> {
  if (!(PREPARED in tx) || process.env.DATABASE_PREPARED_STATEMENTS === "off") return tx.$queryRaw<T>(query);
  try {
    return await (tx as RawSql & Prepared)[PREPARED]<T>(query);
  } catch (error) {
    // A column of a table it reads changed type under it (a deploy's migration): pg keeps the stale statement
    // for the connection's life, so this connection runs the text unprepared from now on.
    if (error instanceof pg.DatabaseError && error.code === "0A000" && /cached plan/.test(error.message)) return tx.$queryRaw<T>(query);
    throw error;
  }
}

/** Plain SQL outside any transaction (each statement commits on its own). */
export function sql(): RawSql {
  return rawSqlOn(dbPool());
}

/** Runs `work` in a transaction on one pooled connection: committed when it returns, rolled back when it throws. */
export async function sqlTransaction<T>(work: (tx: RawSql) => Promise<T>): Promise<T> {
  const client = await dbPool().connect();
  let broken: Error | undefined;
  // A checked-out client has no pool listener: a connection lost mid-transaction must not crash the process.
  const onError = (error: Error) => (broken = error);
  client.on("error", onError);
  try {
    await client.query("BEGIN").catch((error: Error) => Promise.reject((broken = error)));
    try {
      const result = await work(rawSqlOn(client));
      // PostgreSQL answers COMMIT of a failed transaction with ROLLBACK, and pg does not throw for it.
      const { command } = await client.query("COMMIT");
      if (command !== "COMMIT") throw new Error(`The transaction was rolled back (${command}), not committed.`);
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch((rollbackError: Error) => (broken = rollbackError));
      throw error;
    }
  } finally {
    client.removeListener("error", onError);
    // A connection that could not roll back is closed, not handed to the next request mid-transaction.
    client.release(broken);
  }
}

/**
 * A unique index refused a row: as plain SQL reports it (PostgreSQL's 23505), as Prisma's model
 * queries do (P2002), or as Prisma's raw queries do (P2010 carrying 23505).
 */
export function isUniqueViolation(error: unknown): boolean {
  if (error instanceof pg.DatabaseError) return error.code === "23505";
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  const cause = (error.meta as { driverAdapterError?: { cause?: { originalCode?: string } } } | undefined)?.driverAdapterError?.cause;
  return error.code === "P2002" || (error.code === "P2010" && cause?.originalCode === "23505");
}
