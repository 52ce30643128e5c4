import { createHmac } from "node:crypto";
import { CEILING } from "./ceilings";

/**
 * A Kling API client as a user would write one from Kling's docs (JWT by hand with node:crypto,
 * create, poll, download), pointed at Reelsmith by its base URL. Used by the e2e and integration tests.
 */

export type KlingTask = {
  task_id: string;
  task_status: "submitted" | "processing" | "succeed" | "failed";
  task_status_msg: string;
  task_info: { external_task_id: string | null };
  task_result: { videos: { id: string; url: string; duration: string }[] };
  final_unit_deduction: string;
  created_at: number;
  updated_at: number;
};

export type KlingResponse<T> = { httpStatus: number; code: number; message: string; request_id: string; data?: T };

const b64url = (value: string | Buffer) => Buffer.from(value).toString("base64url");

/** Kling's token: HS256, iss = access key, exp = now + 30 min, nbf = now - 5 s (claims can be overridden to test refusals). */
export function klingJwt(accessKey: string, secretKey: string, claims: Record<string, unknown> = {}, nowSeconds = Math.floor(Date.now() / 1000)): string {
  const header = b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const payload = b64url(JSON.stringify({ iss: accessKey, exp: nowSeconds + 1800, nbf: nowSeconds - 5, ...claims }));
  const signature = createHmac("sha256", secretKey).update(`${header}.${payload}`).digest("base64url");
  return `${header}.${payload}.${signature}`;
}

export type KlingKind = "text2video" | "image2video" | "video-extend";

export class KlingClient {
  constructor(
    readonly baseUrl: string,
    private readonly accessKey: string,
    private readonly secretKey: string,
  ) {}

  async call<T>(method: "GET" | "POST", path: string, body?: unknown, authorization = `Bearer ${klingJwt(this.accessKey, this.secretKey)}`): Promise<KlingResponse<T>> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { authorization, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.json()) as Omit<KlingResponse<T>, "httpStatus">;
    return { httpStatus: response.status, ...json };
  }

  createTask(kind: KlingKind, body: Record<string, unknown>) {
    return this.call<KlingTask>("POST", `/v1/videos/${kind}`, body);
  }

  getTask(kind: KlingKind, id: string) {
    return this.call<KlingTask>("GET", `/v1/videos/${kind}/${encodeURIComponent(id)}`);
  }

  listTasks(kind: KlingKind, pageNum = 1, pageSize = 30) {
    return this.call<KlingTask[]>("GET", `/v1/videos/${kind}?pageNum=${pageNum}&pageSize=${pageSize}`);
  }

  /** Polls until the task succeeds or fails, like Kling's own clients (a fixed interval, a long ceiling). */
  async waitForTask(kind: KlingKind, id: string, { intervalMs = 1000, timeoutMs = CEILING.render } = {}): Promise<KlingTask> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const answer = await this.getTask(kind, id);
      if (answer.code !== 0 || !answer.data) throw new Error(`query failed: ${answer.code} ${answer.message}`);
      if (answer.data.task_status === "succeed" || answer.data.task_status === "failed") return answer.data;
      if (Date.now() > deadline) throw new Error(`task ${id} still ${answer.data.task_status}`);
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }

  /** Downloads the video of a finished task from its (signed) URL. */
  async download(task: KlingTask): Promise<Buffer> {
    const video = task.task_result.videos[0];
    if (!video) throw new Error(`task ${task.task_id} has no video`);
    const response = await fetch(video.url);
    if (!response.ok) throw new Error(`download answered ${response.status}`);
    return Buffer.from(await response.arrayBuffer());
  }
}

/** An MP4 starts with an ftyp box and holds a moov box (the index a player needs). */
export function looksLikeMp4(bytes: Buffer): boolean {
  return bytes.subarray(4, 8).toString("latin1") === "ftyp" && bytes.includes(Buffer.from("moov", "latin1"));
}
