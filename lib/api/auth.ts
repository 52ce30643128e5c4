import "server-only";
import type { NextRequest } from "next/server";
import { activeKeyByAccessKey, touchApiKey } from "../api-keys/keys";
import { findUser, isSuspended, SUSPENDED, type PublicUser } from "../auth/users";
import type { ApiKey } from "../db/generated/client";
import { ApiError } from "./errors";
import { parseAuthorization } from "./jwt";

export type ApiCaller = { key: ApiKey; user: PublicUser };

/** The API key and its owner behind a request's Authorization header, or an ApiError with Kling's code. */
export async function authenticate(req: NextRequest, now = new Date()): Promise<ApiCaller> {
  const credential = parseAuthorization(req.headers.get("authorization"));
  if (credential.kind === "error") throw new ApiError(credential.code, credential.message);
  const found = await activeKeyByAccessKey(credential.accessKey);
  // Unknown and revoked keys read the same, so probing reveals nothing.
  if (!found) throw new ApiError(1000, "Authentication failed: unknown or revoked access key.");
  const check = credential.kind === "jwt" ? credential.verify(found.secret, Math.floor(now.getTime() / 1000)) : credential.verify(found.secret);
  if (!check.ok) throw new ApiError(check.code, check.message);
  const user = await findUser(found.key.userId);
  if (!user) throw new ApiError(1000, "Authentication failed: the key's account no longer exists.");
  if (await isSuspended(user.id)) throw new ApiError(1000, `Authentication failed: ${SUSPENDED}`);
  await touchApiKey(found.key, now);
  return { key: found.key, user };
}
