import "server-only";
import { randomBytes } from "node:crypto";
import { inTransaction, lockUserRow } from "../db/transaction";
import { db } from "../db/client";
import { DomainError } from "../errors/domain";
import type { ApiKey } from "../db/generated/client";
import { decryptSecret, encryptSecret } from "./crypto";

/** Active (unrevoked) keys one user may hold: enough for several pipelines, few enough to audit. */
export const MAX_ACTIVE_KEYS = 10;

/** How stale lastUsedAt may get: a busy pipeline writes it at most once a minute. */
const LAST_USED_EVERY_MS = 60_000;

export class ApiKeyLimitError extends DomainError<"key_limit"> {
  constructor() {
    super("key_limit", `You already have ${MAX_ACTIVE_KEYS} active API keys. Revoke one you no longer use first.`);
  }
}

/** What the Account page lists: never the secret, which is shown once, at creation. */
export type ApiKeyView = { id: string; name: string; accessKeyPrefix: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null };

function presentApiKey(key: ApiKey): ApiKeyView {
  return {
    id: key.id,
    name: key.name,
    accessKeyPrefix: key.accessKey.slice(0, 10),
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}

// base64url never contains ".", so `<access>.<secret>` splits unambiguously.
const token = (prefix: string, bytes: number) => `${prefix}${randomBytes(bytes).toString("base64url")}`;

/** Creates a key pair; the secret key is returned here and never again (it is stored encrypted). */
export async function createApiKey(userId: string, name: string): Promise<{ key: ApiKeyView; accessKey: string; secretKey: string }> {
  const accessKey = token("ak_", 18);
  const secretKey = token("sk_", 32);
  const row = await inTransaction(undefined, async (tx) => {
    // The user's row serialises concurrent creates, so the limit cannot be overshot.
    await lockUserRow(tx, userId);
    const active = await tx.apiKey.count({ where: { userId, revokedAt: null } });
    if (active >= MAX_ACTIVE_KEYS) throw new ApiKeyLimitError();
    return tx.apiKey.create({ data: { userId, name, accessKey, secretEncrypted: encryptSecret(secretKey, accessKey) } });
  });
  return { key: presentApiKey(row), accessKey, secretKey };
}

/** The user's keys, active first, newest first. */
export async function listApiKeys(userId: string): Promise<ApiKeyView[]> {
  const keys = await db().apiKey.findMany({ where: { userId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  return keys.sort((a, b) => Number(a.revokedAt !== null) - Number(b.revokedAt !== null)).map(presentApiKey);
}

/** Revokes one of the user's keys; null when it is not theirs. Revoking twice keeps the first time. */
export async function revokeApiKey(userId: string, id: string, now = new Date()): Promise<ApiKeyView | null> {
  await db().apiKey.updateMany({ where: { id, userId, revokedAt: null }, data: { revokedAt: now } });
  const key = await db().apiKey.findFirst({ where: { id, userId } });
  return key ? presentApiKey(key) : null;
}

/** A key usable for authentication, with its decrypted secret; null when unknown or revoked. */
export async function activeKeyByAccessKey(accessKey: string): Promise<{ key: ApiKey; secret: string } | null> {
  const key = await db().apiKey.findUnique({ where: { accessKey } });
  if (!key || key.revokedAt) return null;
  return { key, secret: decryptSecret(key.secretEncrypted, key.accessKey) };
}

/** The secret of a key by id (revoked or not): callbacks of its tasks are still signed with it. */
export async function secretOfKey(id: string): Promise<string | null> {
  const key = await db().apiKey.findUnique({ where: { id } });
  return key ? decryptSecret(key.secretEncrypted, key.accessKey) : null;
}

/** Records a use, at most once a minute per key (a conditional update, so concurrent requests write once). */
export async function touchApiKey(key: ApiKey, now = new Date()): Promise<void> {
  if (key.lastUsedAt && now.getTime() - key.lastUsedAt.getTime() < LAST_USED_EVERY_MS) return;
  const before = new Date(now.getTime() - LAST_USED_EVERY_MS);
  await db().apiKey.updateMany({ where: { id: key.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: before } }] }, data: { lastUsedAt: now } });
}
