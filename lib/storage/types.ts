import type { Readable } from "node:stream";

/** Where asset bytes live: a local folder (default, data/media) or an S3-compatible bucket. */
export interface StorageDriver {
  readonly id: "local" | "s3";
  putFile(key: string, filePath: string, contentType: string): Promise<void>;
  putBuffer(key: string, body: Buffer, contentType: string): Promise<void>;
  /** The object's bytes, or the inclusive byte range of them. */
  read(key: string, range?: { start: number; end: number }): Promise<Readable>;
  size(key: string): Promise<number | null>;
  delete(key: string): Promise<void>;
  /** Copies the object to a local file (engines read local files). */
  download(key: string, filePath: string): Promise<void>;
  /** A time-limited URL a client can fetch directly, where the backend supports one (S3); else null. */
  presignedUrl(key: string, expiresInSeconds: number, downloadName?: string): Promise<string | null>;
}

/** read() and download() of a key that holds nothing. */
export class ObjectNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`No stored object at ${key}`);
  }
}
