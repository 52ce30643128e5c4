import "server-only";

/**
 * The request body, refused once it passes `limit` bytes: Content-Length can be absent (chunked
 * uploads) or wrong, so the bytes are counted as they arrive rather than trusted.
 */
export async function readBodyAtMost(req: Request, limit: number, tooLarge: () => Error): Promise<Buffer<ArrayBuffer>> {
  if (Number(req.headers.get("content-length") ?? 0) > limit) throw tooLarge();
  const reader = req.body?.getReader();
  if (!reader) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
}
