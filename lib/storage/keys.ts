/**
 * Storage keys are built by the server from ids, never from client input; drivers still refuse
 * anything else so a bug can never reach outside the media root or the bucket.
 * Each segment starts with a letter or digit, which rules out "", "." and "..".
 */
const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

export function assertValidKey(key: string): void {
  if (key.length > 512 || !KEY.test(key)) throw new Error(`Invalid storage key: ${JSON.stringify(key)}`);
}

const EXTENSIONS: Record<string, string> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/webp": "webp",
  "video/mp4": "mp4",
  "video/webm": "webm",
};

export function extensionFor(mime: string): string {
  return EXTENSIONS[mime] ?? "bin";
}

/** Where an asset's bytes live: derived from its id only, so concurrent writers never share a key. */
export function assetKey(userId: string, assetId: string, mime: string): string {
  const key = `u/${userId}/${assetId}.${extensionFor(mime)}`;
  assertValidKey(key);
  return key;
}
