import { createReadStream, createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { AwsClient } from "aws4fetch";
import { attachmentDisposition } from "./download-name";
import { assertValidKey } from "./keys";
import { ObjectNotFoundError, type StorageDriver } from "./types";

export type S3Config = {
  /** e.g. https://s3.eu-central-1.amazonaws.com, https://<account>.r2.cloudflarestorage.com, http://127.0.0.1:9000 */
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
};

/** Objects in an S3-compatible bucket, addressed path-style so custom endpoints need no DNS per bucket. */
export class S3Driver implements StorageDriver {
  readonly id = "s3";
  private readonly client: AwsClient;

  constructor(private readonly config: S3Config) {
    // Service and region are explicit: aws4fetch can only guess them from amazonaws.com hostnames.
    this.client = new AwsClient({
      accessKeyId: config.accessKeyId,
      secretAccessKey: config.secretAccessKey,
      service: "s3",
      region: config.region,
    });
  }

  private urlOf(key: string): URL {
    assertValidKey(key);
    const base = this.config.endpoint.replace(/\/+$/, "");
    return new URL(`${base}/${encodeURIComponent(this.config.bucket)}/${key}`);
  }

  private async send(method: string, key: string, init: { headers?: Record<string, string>; body?: BodyInit } = {}) {
    const response = await this.client.fetch(this.urlOf(key), { method, ...init });
    if (response.ok || response.status === 404) return response;
    const detail = method === "HEAD" ? "" : `: ${(await response.text()).slice(0, 300)}`;
    throw new Error(`S3 ${method} ${key} failed with ${response.status}${detail}`);
  }

  async putFile(key: string, filePath: string, contentType: string): Promise<void> {
    // Streamed, not buffered: videos can be large. S3 needs the length up front for a plain PUT.
    const { size } = await fs.stat(filePath);
    const body = Readable.toWeb(createReadStream(filePath)) as ReadableStream<Uint8Array>;
    await this.put(key, body, contentType, size);
  }

  putBuffer(key: string, body: Buffer, contentType: string): Promise<void> {
    return this.put(key, new Uint8Array(body), contentType, body.byteLength);
  }

  private async put(key: string, body: BodyInit, contentType: string, length: number): Promise<void> {
    const response = await this.send("PUT", key, { body, headers: { "content-type": contentType, "content-length": String(length) } });
    if (!response.ok) throw new Error(`S3 PUT ${key} failed with ${response.status}`);
  }

  async read(key: string, range?: { start: number; end: number }): Promise<Readable> {
    const headers: Record<string, string> = range ? { range: `bytes=${range.start}-${range.end}` } : {};
    const response = await this.send("GET", key, { headers });
    if (response.status === 404) throw new ObjectNotFoundError(key);
    if (!response.body) throw new Error(`S3 GET ${key} returned no body`);
    return Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
  }

  async size(key: string): Promise<number | null> {
    const response = await this.send("HEAD", key);
    if (response.status === 404) return null;
    return Number(response.headers.get("content-length"));
  }

  async delete(key: string): Promise<void> {
    await this.send("DELETE", key);
  }

  async download(key: string, filePath: string): Promise<void> {
    await pipeline(await this.read(key), createWriteStream(filePath));
  }

  async presignedUrl(key: string, expiresInSeconds: number, downloadName?: string): Promise<string> {
    const url = this.urlOf(key);
    url.searchParams.set("X-Amz-Expires", String(expiresInSeconds));
    if (downloadName) url.searchParams.set("response-content-disposition", attachmentDisposition(downloadName));
    const signed = await this.client.sign(url, { method: "GET", aws: { signQuery: true } });
    return signed.url;
  }
}

