import "server-only";
import { createHmac } from "node:crypto";
import { serverSubkey } from "../api-keys/server-key";
import { constantTimeEqual } from "../api-keys/constant-time";

/** How long a download link in an API response works (default one day). */
const signedLinkSeconds = () => Number(process.env.API_DOWNLOAD_LINK_SECONDS) || 24 * 60 * 60;

const signature = (assetId: string, expires: number) =>
  createHmac("sha256", serverSubkey("signed-media-links")).update(`${assetId}.${expires}`).digest("base64url");

/** The path of a link that serves the asset without a session until it expires: /api/media/signed/<id>.<exp>.<sig>. */
export function signedMediaPath(assetId: string, now = new Date()): string {
  const expires = Math.floor(now.getTime() / 1000) + signedLinkSeconds();
  return `/api/media/signed/${assetId}.${expires}.${signature(assetId, expires)}`;
}

export type LinkCheck = { ok: true; assetId: string } | { ok: false; reason: "invalid" | "expired" };

export function verifySignedMediaToken(token: string, now = new Date()): LinkCheck {
  const [assetId, exp, sig, ...rest] = token.split(".");
  if (!assetId || !exp || !sig || rest.length || !/^\d+$/.test(exp)) return { ok: false, reason: "invalid" };
  const expires = Number(exp);
  if (!constantTimeEqual(sig, signature(assetId, expires))) return { ok: false, reason: "invalid" };
  if (expires * 1000 <= now.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, assetId };
}
