import { execFileSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * A local Kling API (shared/reference/kling-api.md §1, §4) with its documented behaviour and its
 * quirks: HS256 JWT checks (1001/1002, 1003 not yet valid, 1004 expired), the {code, message,
 * request_id, data} envelope, string durations and millisecond timestamps, a failed task answered
 * with code 0 and "SUCCEED", 1303 over the concurrency limit, 5002 answered after the task was in
 * fact created, queries by task_id or external_task_id, unique external ids, callbacks on every
 * status change (which may run ahead of what queries show), and result URLs serving a real MP4.
 */

const ffmpeg: string = createRequire(import.meta.url)("@ffmpeg-installer/ffmpeg").path;

export type TaskOutcome = { status: "succeed"; units?: string } | { status: "failed"; message: string };

export type TaskScript = {
  /** Queries answered `submitted` before the task moves on. */
  submittedQueries?: number;
  /** Queries answered `processing` before the outcome (ignored while held). */
  processingQueries?: number;
  /** Stay `processing` until release(). */
  hold?: boolean;
  outcome?: TaskOutcome;
};

type Status = "submitted" | "processing" | "succeed" | "failed";

type FakeTask = {
  taskId: string;
  endpoint: string;
  externalTaskId: string | null;
  body: Record<string, unknown>;
  script: Required<Omit<TaskScript, "hold">> & { hold: boolean };
  queries: number;
  status: Status;
  /** Queries that still show the previous status after a release (a callback running ahead). */
  lagQueries: number;
  createdAt: number;
  updatedAt: number;
  callbackUrl: string | null;
};

export type ScriptedError = { httpStatus: number; code: number; message: string; afterCreate?: boolean };

export type LogEntry = { at: number; method: string; path: string; code: number; taskStatus?: Status; token?: string; externalTaskId?: string };

const MODES = ["std", "pro"];

function envelope(code: number, message: string, data?: unknown) {
  return JSON.stringify({ code, message, request_id: `req-${Math.random().toString(36).slice(2, 10)}`, ...(data !== undefined ? { data } : {}) });
}

/** A 2 s 640×360 25 fps H.264 4:4:4 clip with AAC audio: a format the pipeline must re-encode to yuv420p. */
function makeVideo(): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "fake-kling-")), "result.mp4");
  execFileSync(ffmpeg, [
    ...["-v", "error", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100"],
    ...["-t", "2", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv444p", "-c:a", "aac", "-shortest", "-y", file],
  ]);
  return file;
}

/** An element-creation task (advanced-custom-elements): `queries` queries answer `processing`, then the outcome. */
type FakeElementTask = { taskId: string; body: Record<string, unknown>; queries: number; outcome: TaskOutcome; elementId: string };

export class FakeKling {
  readonly tasks = new Map<string, FakeTask>();
  readonly elementTasks = new Map<string, FakeElementTask>();
  /** How element creations end, and after how many queries. */
  elementScript: { processingQueries: number; outcome: TaskOutcome } = { processingQueries: 2, outcome: { status: "succeed" } };
  readonly log: LogEntry[] = [];
  readonly callbacks: { at: number; status: Status; httpStatus: number }[] = [];
  /** Answers for the next create requests, in order (then normal behaviour). */
  createErrors: ScriptedError[] = [];
  /** Media requests answered 500 before the file is served. */
  mediaFailures = 0;
  /** The script new tasks follow. */
  script: TaskScript = {};
  private revokedBeforeNbf = 0;
  private nextTaskId = 867283741759111202n;
  private readonly video = makeVideo();

  private constructor(
    private readonly server: Server,
    readonly accessKey: string,
    readonly secretKey: string,
  ) {}

  static async start(accessKey = "fake-ak", secretKey = "fake-sk"): Promise<FakeKling> {
    const server = createServer();
    const fake = new FakeKling(server, accessKey, secretKey);
    server.on("request", (req, res) => void fake.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The settings that route both modes to Kling (kling-v1 standard, kling-v1-6 professional) on this fake, polling every `pollMs`. */
  env(pollMs = 100): Record<string, string> {
    return {
      ENGINE_STANDARD: "kling:kling-v1",
      ENGINE_PROFESSIONAL: "kling:kling-v1-6",
      KLING_API_BASE_URL: this.url,
      KLING_ACCESS_KEY: this.accessKey,
      KLING_SECRET_KEY: this.secretKey,
      KLING_POLL_INTERVAL_MS: String(pollMs),
      KLING_RETRY_BASE_MS: String(pollMs),
    };
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  tasksFor(externalTaskId: string): FakeTask[] {
    return [...this.tasks.values()].filter((t) => t.externalTaskId === externalTaskId);
  }

  /** Every create request received (for one generation: its external_task_id), whatever the answer. */
  createRequests(externalTaskId?: string): LogEntry[] {
    return this.log.filter((e) => e.method === "POST" && (externalTaskId === undefined || e.externalTaskId === externalTaskId));
  }

  /** A task created directly, as if by an earlier worker that crashed before recording it. */
  preCreate(endpoint: string, externalTaskId: string, script: TaskScript = {}): FakeTask {
    return this.create(endpoint, { external_task_id: externalTaskId, model_name: "kling-v1", prompt: "pre-created" }, script);
  }

  /** Ends a held task; its callback goes out at once, while `lagQueries` further queries still say `processing`. */
  release(taskId: string, outcome: TaskOutcome = { status: "succeed" }, lagQueries = 0): void {
    const task = this.tasks.get(taskId)!;
    task.script.hold = false;
    task.script.outcome = outcome;
    task.lagQueries = lagQueries;
    this.setStatus(task, outcome.status);
  }

  /** Kling's clock moves on: tokens whose nbf is before `unixSeconds` are expired (1004). */
  revokeTokensSignedBefore(unixSeconds: number): void {
    this.revokedBeforeNbf = unixSeconds;
  }

  private create(endpoint: string, body: Record<string, unknown>, script: TaskScript): FakeTask {
    const now = Date.now();
    const task: FakeTask = {
      taskId: String(this.nextTaskId++),
      endpoint,
      externalTaskId: typeof body.external_task_id === "string" ? body.external_task_id : null,
      body,
      script: { submittedQueries: 1, processingQueries: 2, outcome: { status: "succeed" }, ...script, hold: script.hold ?? false },
      queries: 0,
      status: "submitted",
      lagQueries: 0,
      createdAt: now,
      updatedAt: now,
      callbackUrl: typeof body.callback_url === "string" ? body.callback_url : null,
    };
    this.tasks.set(task.taskId, task);
    return task;
  }

  private setStatus(task: FakeTask, status: Status): void {
    if (task.status === status) return;
    task.status = status;
    task.updatedAt = Date.now();
    if (!task.callbackUrl) return;
    const payload = JSON.stringify(this.taskData(task, status));
    void fetch(task.callbackUrl, { method: "POST", headers: { "content-type": "application/json" }, body: payload })
      .then((r) => this.callbacks.push({ at: Date.now(), status, httpStatus: r.status }))
      .catch(() => this.callbacks.push({ at: Date.now(), status, httpStatus: 0 }));
  }

  /** What a query shows: the status advances with each query, as a real task advances with time. */
  private advance(task: FakeTask): Status {
    task.queries++;
    if (task.status === "submitted" && task.queries > task.script.submittedQueries) this.setStatus(task, "processing");
    if (task.status === "processing" && !task.script.hold && task.queries > task.script.submittedQueries + task.script.processingQueries) {
      this.setStatus(task, task.script.outcome.status);
    }
    if (task.lagQueries > 0 && (task.status === "succeed" || task.status === "failed")) {
      task.lagQueries--;
      return "processing";
    }
    return task.status;
  }

  private taskData(task: FakeTask, status: Status) {
    const outcome = task.script.outcome;
    return {
      task_id: task.taskId,
      task_status: status,
      task_status_msg: status === "failed" && outcome.status === "failed" ? outcome.message : "",
      task_info: { external_task_id: task.externalTaskId ?? undefined },
      created_at: task.createdAt,
      updated_at: task.updatedAt,
      ...(status === "succeed"
        ? {
            task_result: { videos: [{ id: `v-${task.taskId}`, url: `${this.url}/media/${task.taskId}.mp4`, watermark_url: "", duration: "2" }] },
            final_unit_deduction: outcome.status === "succeed" ? (outcome.units ?? "2") : "0",
          }
        : { final_unit_deduction: "0" }),
    };
  }

  /** null when the token is good; else Kling's auth error. */
  private checkAuth(header: string | undefined): { httpStatus: number; code: number; message: string } | null {
    if (!header) return { httpStatus: 401, code: 1001, message: "Authorization is empty" };
    const token = /^Bearer (\S+)$/.exec(header)?.[1];
    const [h, p, s] = token?.split(".") ?? [];
    if (!h || !p || !s) return { httpStatus: 401, code: 1002, message: "Authorization is invalid" };
    const expected = createHmac("sha256", this.secretKey).update(`${h}.${p}`).digest("base64url");
    let claims: { iss?: string; exp?: number; nbf?: number };
    try {
      claims = JSON.parse(Buffer.from(p, "base64url").toString("utf8")) as typeof claims;
    } catch {
      return { httpStatus: 401, code: 1002, message: "Authorization is invalid" };
    }
    if (s !== expected || claims.iss !== this.accessKey) return { httpStatus: 401, code: 1002, message: "Authorization is invalid" };
    const now = Math.floor(Date.now() / 1000);
    if ((claims.nbf ?? 0) > now) return { httpStatus: 401, code: 1003, message: "Authorization is not yet valid" };
    if ((claims.exp ?? 0) < now || (claims.nbf ?? 0) < this.revokedBeforeNbf) return { httpStatus: 401, code: 1004, message: "Authorization has expired" };
    return null;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? "/", this.url);
    const method = req.method ?? "GET";
    const about: { externalTaskId?: string } = {};
    const send = (httpStatus: number, code: number, message: string, data?: unknown, taskStatus?: Status) => {
      this.log.push({ at: Date.now(), method, path: url.pathname, code, taskStatus, token: req.headers.authorization, externalTaskId: about.externalTaskId });
      res.writeHead(httpStatus, { "content-type": "application/json" }).end(envelope(code, message, data));
    };

    const media = /^\/media\/(\d+)\.mp4$/.exec(url.pathname);
    if (media) {
      this.log.push({ at: Date.now(), method, path: url.pathname, code: this.mediaFailures > 0 ? 500 : 0 });
      if (this.mediaFailures > 0) {
        this.mediaFailures--;
        res.writeHead(500).end("CDN error");
        return;
      }
      res.writeHead(200, { "content-type": "video/mp4" }).end(readFileSync(this.video));
      return;
    }

    const elements = /^\/v1\/general\/advanced-custom-elements(?:\/([^/]+))?$/.exec(url.pathname);
    if (elements) {
      const denied = this.checkAuth(req.headers.authorization);
      if (denied) return send(denied.httpStatus, denied.code, denied.message);
      return this.handleElement(method, elements[1], Buffer.concat(chunks).toString("utf8"), send);
    }
    const route = /^\/v1\/videos\/(text2video|image2video|omni-video)(?:\/([^/]+))?$/.exec(url.pathname);
    if (!route) return send(404, 1202, "wrong path or method");
    const denied = this.checkAuth(req.headers.authorization);
    if (denied) return send(denied.httpStatus, denied.code, denied.message);
    const [, endpoint, id] = route as unknown as [string, string, string | undefined];

    if (method === "GET" && id) {
      const key = decodeURIComponent(id);
      const task = [...this.tasks.values()].find((t) => t.endpoint === endpoint && (t.taskId === key || t.externalTaskId === key));
      if (!task) return send(404, 1203, "task not found");
      const status = this.advance(task);
      return send(200, 0, "SUCCEED", this.taskData(task, status), status);
    }
    if (method !== "POST" || id) return send(404, 1202, "wrong path or method");

    let body: Record<string, unknown>;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
    } catch {
      return send(400, 1200, "invalid request body");
    }
    about.externalTaskId = typeof body.external_task_id === "string" ? body.external_task_id : undefined;
    const scripted = this.createErrors.shift();
    if (scripted && !scripted.afterCreate) return send(scripted.httpStatus, scripted.code, scripted.message);
    const invalid = this.validate(endpoint, body);
    if (invalid) return send(400, 1201, invalid);
    const task = this.create(endpoint, body, this.script);
    if (scripted) return send(scripted.httpStatus, scripted.code, scripted.message);
    return send(200, 0, "SUCCEED", { task_id: task.taskId, task_status: "submitted", task_info: { external_task_id: task.externalTaskId ?? undefined }, created_at: task.createdAt, updated_at: task.updatedAt }, "submitted");
  }

  /** Element creation (§1.10a): a task to poll, whose result is the element's id. */
  private handleElement(method: string, id: string | undefined, raw: string, send: (httpStatus: number, code: number, message: string, data?: unknown) => void): void {
    if (method === "GET" && id) {
      const task = this.elementTasks.get(decodeURIComponent(id));
      if (!task) return send(404, 1203, "task not found");
      task.queries++;
      const done = task.queries > this.elementScript.processingQueries;
      const status = done ? task.outcome.status : "processing";
      return send(200, 0, "SUCCEED", {
        task_id: task.taskId,
        task_status: status,
        task_status_msg: status === "failed" && task.outcome.status === "failed" ? task.outcome.message : "",
        ...(status === "succeed" ? { task_result: { elements: [{ element_id: task.elementId }] } } : {}),
      });
    }
    if (method !== "POST" || id) return send(404, 1202, "wrong path or method");
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return send(400, 1200, "invalid request body");
    }
    const invalid = this.validateElement(body);
    if (invalid) return send(400, 1201, invalid);
    const taskId = String(this.nextTaskId++);
    this.elementTasks.set(taskId, { taskId, body, queries: 0, outcome: this.elementScript.outcome, elementId: `e${taskId}` });
    return send(200, 0, "SUCCEED", { task_id: taskId, task_status: "submitted" });
  }

  private validateElement(body: Record<string, unknown>): string | null {
    if (typeof body.element_name !== "string" || !body.element_name || body.element_name.length > 20) return "element_name is required, at most 20 characters";
    if (typeof body.element_description !== "string" || body.element_description.length > 100) return "element_description is at most 100 characters";
    if (body.reference_type !== "image_refer") return "reference_type must be image_refer or video_refer";
    const images = body.element_image_list as { frontal_image?: unknown; refer_images?: { image_url?: unknown }[] } | undefined;
    if (typeof images?.frontal_image !== "string" || /^data:/.test(images.frontal_image)) return "element_image_list.frontal_image must be a URL or raw base64";
    const refer = images.refer_images;
    if (!Array.isArray(refer) || refer.length < 1 || refer.length > 3 || refer.some((r) => typeof r.image_url !== "string")) return "element_image_list.refer_images takes 1 to 3 { image_url }";
    const tags = body.tag_list as { tag_id?: unknown }[] | undefined;
    if (!Array.isArray(tags) || tags.some((t) => typeof t.tag_id !== "string" || !/^o_10[1-8]$/.test(t.tag_id))) return "tag_list takes { tag_id } from o_101 to o_108";
    return null;
  }

  /** Element ids this account has: only those of element creations that succeeded. */
  private knownElementIds(): Set<string> {
    return new Set([...this.elementTasks.values()].filter((t) => t.outcome.status === "succeed").map((t) => t.elementId));
  }

  /** The omni-video rules (§1.10a): 7 slots for images and elements, known element ids, prompt references in range. */
  private validateOmni(body: Record<string, unknown>): string | null {
    if (!["kling-v3-omni", "kling-video-o1"].includes(body.model_name as string)) return "model_name must be kling-video-o1 or kling-v3-omni";
    const images = (body.image_list ?? []) as { image_url?: unknown; type?: unknown }[];
    const elements = (body.element_list ?? []) as { element_id?: unknown }[];
    if (!Array.isArray(images) || images.some((i) => typeof i.image_url !== "string" || /^data:/.test(i.image_url))) return "image_list takes { image_url, type? } with a URL or raw base64";
    if (!Array.isArray(elements) || images.length + elements.length > 7) return "image_list and element_list hold at most 7 references together";
    const known = this.knownElementIds();
    const unknown = elements.find((e) => typeof e.element_id !== "string" || !known.has(e.element_id));
    if (unknown) return `element_list: unknown element_id ${String(unknown.element_id)}`;
    const first = images.some((i) => i.type === "first_frame");
    if (!first && body.aspect_ratio === undefined) return "aspect_ratio is required without a first frame";
    for (const match of String(body.prompt ?? "").matchAll(/<<<(element|image)_(\d+)>>>/g)) {
      const count = match[1] === "element" ? elements.length : images.filter((i) => !i.type).length;
      if (Number(match[2]) > count) return `prompt refers to ${match[0]} but only ${count} are given`;
    }
    return null;
  }

  /** The documented field rules Reelsmith relies on (§1.5–1.6, §1.10a). */
  private validate(endpoint: string, body: Record<string, unknown>): string | null {
    if (typeof body.model_name !== "string") return "model_name is required";
    if (endpoint === "omni-video") {
      const omni = this.validateOmni(body);
      if (omni) return omni;
    }
    if (body.mode !== undefined && !MODES.includes(body.mode as string)) return "mode must be std or pro";
    const v3 = body.model_name === "kling-v3" || body.model_name === "kling-v3-omni";
    const lengths = v3 ? Array.from({ length: 13 }, (_, i) => String(i + 3)) : ["5", "10"];
    if (body.duration !== undefined && (typeof body.duration !== "string" || !lengths.includes(body.duration))) return `duration must be one of the strings ${lengths.join(", ")}`;
    const storyboard = multiShotProblem(body, v3);
    if (storyboard !== undefined) return storyboard;
    if (endpoint === "omni-video") {
      if (body.shot_type !== "customize" && (typeof body.prompt !== "string" || !body.prompt)) return "prompt is required";
    } else if (endpoint === "image2video") {
      if (typeof body.image !== "string") return "image is required";
      if (/^data:/.test(body.image)) return "image must be a URL or raw base64 without a data: prefix";
      if (body.aspect_ratio !== undefined) return "aspect_ratio is not a field of image2video";
      if (body.image_tail && body.camera_control) return "image_tail and camera_control cannot be used together";
    } else if ((typeof body.prompt !== "string" || !body.prompt) && body.shot_type !== "customize") return "prompt is required";
    const external = body.external_task_id;
    if (typeof external === "string" && this.tasksFor(external).length > 0) return "external_task_id already exists";
    return null;
  }
}

/** Kling 3.0's storyboard rules: shot_type required, customize needs 1–6 shots (≤ 512 characters, string lengths ≥ 1 summing to duration). Null: valid; undefined: not a storyboard. */
function multiShotProblem(body: Record<string, unknown>, v3: boolean): string | null | undefined {
  if (body.multi_shot === undefined && body.shot_type === undefined && body.multi_prompt === undefined) return undefined;
  if (!v3) return "multi_shot is only supported by kling-v3 and kling-v3-omni";
  if (body.multi_shot !== true) return "multi_shot must be true when shot_type or multi_prompt is given";
  if (body.shot_type === "intelligence") {
    if (typeof body.prompt !== "string" || !body.prompt) return "prompt is required when shot_type is intelligence";
    return null;
  }
  if (body.shot_type !== "customize") return "shot_type must be customize or intelligence";
  const shots = body.multi_prompt;
  if (!Array.isArray(shots) || shots.length < 1 || shots.length > 6) return "multi_prompt must hold 1 to 6 shots when shot_type is customize";
  let total = 0;
  for (const [i, shot] of (shots as Record<string, unknown>[]).entries()) {
    if (shot.index !== i + 1) return `multi_prompt[${i}].index must be ${i + 1}`;
    if (typeof shot.prompt !== "string" || !shot.prompt || shot.prompt.length > 512) return `multi_prompt[${i}].prompt must be 1 to 512 characters`;
    if (typeof shot.duration !== "string" || !/^\d+$/.test(shot.duration) || Number(shot.duration) < 1) return `multi_prompt[${i}].duration must be a string of at least "1"`;
    total += Number(shot.duration);
  }
  if (String(total) !== body.duration) return `multi_prompt durations sum to ${total}, not duration ${String(body.duration)}`;
  return null;
}
