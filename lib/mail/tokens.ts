import "server-only";
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { db } from "../db/client";
import type { EmailToken, EmailTokenPurpose, Prisma } from "../db/generated/client";

/**
 * Links sent by mail: `<secret>.<expiry>.<signature>`. The HMAC (keyed from NEXTAUTH_SECRET)
 * tells a forged or mangled link from a real one without a lookup; the database keeps only a
 * SHA-256 of the secret (a leaked table opens nothing) and the moment it was used, claimed by a
 * conditional UPDATE so a link works once however many requests race for it.
 */

export type TokenFailure = "invalid" | "expired" | "used";
export type TokenCheck = { ok: true; token: EmailToken } | { ok: false; reason: TokenFailure };

function signingKey(): Buffer {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set: mail links cannot be signed.");
  return createHmac("sha256", secret).update("reelsmith mail links").digest();
}

const sign = (purpose: EmailTokenPurpose, secret: string, expiry: string) =>
  createHmac("sha256", signingKey()).update(`${purpose}.${secret}.${expiry}`).digest("base64url");

const hashOf = (secret: string) => createHash("sha256").update(secret).digest("hex");

/** Creates a link token for the user, valid for `ttlMs`, tied to the address it is sent to. */
export async function issueToken(userId: string, purpose: EmailTokenPurpose, email: string, ttlMs: number, now = new Date()): Promise<string> {
  const secret = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + ttlMs);
  const expiry = String(Math.floor(expiresAt.getTime() / 1000));
  await db().emailToken.create({ data: { userId, purpose, email, tokenHash: hashOf(secret), expiresAt } });
  return `${secret}.${expiry}.${sign(purpose, secret, expiry)}`;
}

/** What the signature and expiry alone say; the secret's hash when the link is genuine and current. */
function readToken(raw: string, purpose: EmailTokenPurpose, now: Date): { ok: true; hash: string } | { ok: false; reason: TokenFailure } {
  const [secret, expiry, signature, extra] = raw.split(".");
  if (!secret || !expiry || !signature || extra !== undefined || !/^\d{1,12}$/.test(expiry)) return { ok: false, reason: "invalid" };
  const expected = Buffer.from(sign(purpose, secret, expiry));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: "invalid" };
  if (Number(expiry) * 1000 <= now.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, hash: hashOf(secret) };
}

function failureOf(token: EmailToken | null, now: Date): TokenFailure {
  if (!token) return "invalid";
  if (token.usedAt) return "used";
  return token.expiresAt <= now ? "expired" : "invalid";
}

/** Looks at a link without using it (e.g. to show the new-password form only for a usable link). */
export async function inspectToken(raw: string, purpose: EmailTokenPurpose, now = new Date()): Promise<TokenCheck> {
  const read = readToken(raw, purpose, now);
  if (!read.ok) return read;
  const token = await db().emailToken.findUnique({ where: { tokenHash: read.hash } });
  if (token && token.purpose === purpose && !token.usedAt && token.expiresAt > now) return { ok: true, token };
  return { ok: false, reason: failureOf(token?.purpose === purpose ? token : null, now) };
}

/**
 * Uses the link once and runs `effect` in the same transaction: if the effect fails, the link
 * stays usable; of concurrent uses exactly one claims it (the others wait on the row lock, then
 * find it used).
 */
export async function consumeToken<T>(
  raw: string,
  purpose: EmailTokenPurpose,
  effect: (token: EmailToken, tx: Prisma.TransactionClient) => Promise<T>,
  now = new Date(),
): Promise<{ ok: true; value: T } | { ok: false; reason: TokenFailure }> {
  const read = readToken(raw, purpose, now);
  if (!read.ok) return read;
  return db().$transaction(async (tx) => {
    const where = { tokenHash: read.hash, purpose };
    const claimed = await tx.emailToken.updateMany({ where: { ...where, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    const token = await tx.emailToken.findFirst({ where });
    if (claimed.count !== 1 || !token) return { ok: false as const, reason: failureOf(token, now) };
    return { ok: true as const, value: await effect(token, tx) };
  });
}

/** Makes every open link of that purpose useless, e.g. older reset links once the password changed. */
export function retireTokens(tx: Prisma.TransactionClient, userId: string, purpose: EmailTokenPurpose, now: Date) {
  return tx.emailToken.updateMany({ where: { userId, purpose, usedAt: null }, data: { usedAt: now } });
}
