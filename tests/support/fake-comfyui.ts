import { execFile } from "node:child_process";
import { createReadStream } from "node:fs";
import { mkdir, mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { WebSocketServer, type WebSocket } from "ws";
import { FFMPEG_PATH } from "@/lib/engines/ffmpeg/run";

/**
 * A fake ComfyUI server following its HTTP and websocket API: POST /prompt (validation with
 * node_errors, caller-chosen prompt_id), GET /queue, GET /history/{id}, GET /view, POST /upload/image,
 * POST /interrupt, POST /queue {delete}, GET /system_stats, and /ws?clientId= with progress and
 * executing messages. One prompt runs at a time, as on a single GPU. Each run writes a real VP8 WebM
 * of the size, length and rate the workflow asks for, as SaveWEBM would. restart() forgets the queue
 * and history and refuses connections for a while, like a ComfyUI process being restarted.
 */

type Node = { class_type: string; inputs: Record<string, unknown> };
type Workflow = Record<string, Node>;
type QueueItem = { number: number; promptId: string; workflow: Workflow; clientId?: string };
type OutputFile = { filename: string; subfolder: string; type: string };
type HistoryEntry = {
  prompt: unknown[];
  outputs: Record<string, Record<string, unknown>>;
  status: { status_str: "success" | "error"; completed: boolean; messages: [string, Record<string, unknown>][] };
};

export type Submission = { promptId: string; clientId?: string; workflow: Workflow; accepted: boolean };
export type FakeComfyuiOptions = {
  /** Model files the loaders may name (a name outside the list is a value_not_in_list node error). */
  models?: string[];
  /** Sampling steps per run and the time each takes. */
  steps?: number;
  stepMs?: number;
  /** Like ComfyUI before prompt_id support: ignores the caller's id and picks its own. */
  ignoresPromptId?: boolean;
};

const exec = promisify(execFile);

/** The model files the shipped workflow templates load. */
export const SHIPPED_MODELS = [
  "wan2.1_t2v_1.3B_fp16.safetensors",
  "wan2.1_i2v_480p_14B_fp16.safetensors",
  "umt5_xxl_fp8_e4m3fn_scaled.safetensors",
  "wan_2.1_vae.safetensors",
  "clip_vision_h.safetensors",
];
const MODEL_INPUTS = ["unet_name", "clip_name", "vae_name", "ckpt_name"];
const INT_INPUTS = ["seed", "width", "height", "length", "steps", "batch_size"];
const FLOAT_INPUTS = ["cfg", "fps", "denoise", "shift"];
const KNOWN_NODES = new Set([
  "UNETLoader", "CLIPLoader", "VAELoader", "CLIPVisionLoader", "CLIPVisionEncode", "LoadImage", "ModelSamplingSD3", "CLIPTextEncode",
  "EmptyHunyuanLatentVideo", "WanImageToVideo", "KSampler", "VAEDecode", "SaveWEBM",
]);

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startFakeComfyui(options: FakeComfyuiOptions = {}) {
  const dir = await mkdtemp(path.join(tmpdir(), "fake-comfyui-"));
  const models = new Set(options.models ?? SHIPPED_MODELS);
  const steps = options.steps ?? 8;
  const stepMs = options.stepMs ?? 50;

  let pending: QueueItem[] = [];
  let running: (QueueItem & { interrupted: boolean }) | undefined;
  let history = new Map<string, HistoryEntry>();
  const uploads = new Set<string>(); // ComfyUI's input folder: on disk, it survives a restart
  let number = 0;
  /** Bumped by restart(): a run of an older generation of the process stops silently. */
  let life = 0;
  let failNext: { nodeId: string; nodeType: string; message: string } | undefined;
  let holdRuns = false;
  const submissions: Submission[] = [];
  const interrupts: (string | null)[] = [];
  const deleted: string[] = [];
  /** For each prompt id, the most runs of it ever in flight at once (must never exceed 1). */
  const maxConcurrentRuns = new Map<string, number>();
  const inFlight = new Map<string, number>();
  const sockets = new Set<Socket>();

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, 500, { error: String(error) }));
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on("upgrade", (req, socket, head) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (url.pathname !== "/ws") return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => {
      (ws as WebSocket & { clientId?: string }).clientId = url.searchParams.get("clientId") ?? undefined;
      ws.send(JSON.stringify({ type: "status", data: { status: { exec_info: { queue_remaining: pending.length + (running ? 1 : 0) } }, sid: url.searchParams.get("clientId") } }));
    });
  });
  const emit = (clientId: string | undefined, type: string, data: Record<string, unknown>) => {
    for (const ws of wss.clients) if ((ws as WebSocket & { clientId?: string }).clientId === clientId) ws.send(JSON.stringify({ type, data }));
  };

  function validate(workflow: Workflow): { error: unknown; node_errors: Record<string, unknown> } | null {
    const nodeErrors: Record<string, { errors: { type: string; message: string; details: string }[]; class_type: string; dependent_outputs: string[] }> = {};
    for (const [id, node] of Object.entries(workflow)) {
      if (!KNOWN_NODES.has(node.class_type)) {
        return { error: { type: "invalid_prompt", message: `Cannot execute because node ${node.class_type} does not exist.`, details: `Node ID '#${id}'`, extra_info: {} }, node_errors: {} };
      }
      const errors = [];
      for (const [name, value] of Object.entries(node.inputs)) {
        if (Array.isArray(value)) continue; // a link to another node's output
        if (MODEL_INPUTS.includes(name) && !models.has(String(value))) errors.push({ type: "value_not_in_list", message: "Value not in list", details: `${name}: '${value}' not in [${[...models].join(", ")}]` });
        if (INT_INPUTS.includes(name) && !Number.isInteger(value)) errors.push({ type: "invalid_input_type", message: "Failed to convert an input value to a INT value", details: `${name}, ${JSON.stringify(value)}` });
        if (FLOAT_INPUTS.includes(name) && typeof value !== "number") errors.push({ type: "invalid_input_type", message: "Failed to convert an input value to a FLOAT value", details: `${name}, ${JSON.stringify(value)}` });
        if (node.class_type === "LoadImage" && name === "image" && !uploads.has(String(value))) errors.push({ type: "custom_validation_failed", message: "Custom validation failed for node", details: `image - Invalid image file: ${value}` });
      }
      if (errors.length) nodeErrors[id] = { errors, class_type: node.class_type, dependent_outputs: [] };
    }
    return Object.keys(nodeErrors).length ? { error: { type: "prompt_outputs_failed_validation", message: "Prompt outputs failed validation", details: "", extra_info: {} }, node_errors: nodeErrors } : null;
  }

  /** What SaveWEBM would write for this workflow: a VP8 WebM of the latent's size and length. */
  async function writeVideo(workflow: Workflow, name: string): Promise<OutputFile> {
    const latent = Object.values(workflow).find((n) => n.class_type === "EmptyHunyuanLatentVideo" || n.class_type === "WanImageToVideo")!.inputs;
    const save = Object.values(workflow).find((n) => n.class_type === "SaveWEBM")!.inputs;
    const subfolder = path.dirname(String(save.filename_prefix));
    await mkdir(path.join(dir, "output", subfolder), { recursive: true });
    const filename = `${path.basename(String(save.filename_prefix))}_${name}.webm`;
    const size = `${latent.width}x${latent.height}`;
    await exec(FFMPEG_PATH, [
      ...["-v", "error", "-f", "lavfi", "-i", `testsrc2=size=${size}:rate=${save.fps}`, "-frames:v", String(latent.length)],
      ...["-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "400k", "-y", path.join(dir, "output", subfolder, filename)],
    ]);
    return { filename, subfolder, type: "output" };
  }

  function finish(item: QueueItem, entry: Omit<HistoryEntry, "prompt">) {
    history.set(item.promptId, { prompt: [item.number, item.promptId, item.workflow, { client_id: item.clientId }, []], ...entry });
    emit(item.clientId, "executing", { node: null, prompt_id: item.promptId });
  }

  async function execute(item: QueueItem) {
    const born = life;
    running = { ...item, interrupted: false };
    const current = running;
    inFlight.set(item.promptId, (inFlight.get(item.promptId) ?? 0) + 1);
    maxConcurrentRuns.set(item.promptId, Math.max(maxConcurrentRuns.get(item.promptId) ?? 0, inFlight.get(item.promptId)!));
    try {
      emit(item.clientId, "execution_start", { prompt_id: item.promptId });
      const sampler = Object.entries(item.workflow).find(([, n]) => n.class_type === "KSampler")![0];
      emit(item.clientId, "executing", { node: sampler, prompt_id: item.promptId });
      for (let step = 1; step <= steps; step++) {
        await sleep(stepMs);
        while (holdRuns && born === life && !current.interrupted) await sleep(20);
        if (born !== life) return; // the process "restarted": this run is gone without a trace
        if (current.interrupted) {
          return finish(item, { outputs: {}, status: { status_str: "error", completed: false, messages: [["execution_interrupted", { prompt_id: item.promptId, node_id: sampler, node_type: "KSampler", executed: [] }]] } });
        }
        emit(item.clientId, "progress", { value: step, max: steps, prompt_id: item.promptId, node: sampler });
      }
      if (failNext) {
        const failure = failNext;
        failNext = undefined;
        return finish(item, {
          outputs: {},
          status: { status_str: "error", completed: false, messages: [["execution_error", { prompt_id: item.promptId, node_id: failure.nodeId, node_type: failure.nodeType, executed: [], exception_message: failure.message, exception_type: "torch.OutOfMemoryError", traceback: [] }]] },
        });
      }
      const [saveId] = Object.entries(item.workflow).find(([, n]) => n.class_type === "SaveWEBM")!;
      const video = await writeVideo(item.workflow, item.promptId);
      if (born !== life) return;
      finish(item, { outputs: { [saveId]: { images: [video], animated: [true] } }, status: { status_str: "success", completed: true, messages: [["execution_success", { prompt_id: item.promptId }]] } });
    } finally {
      inFlight.set(item.promptId, inFlight.get(item.promptId)! - 1);
      if (born === life) {
        running = undefined;
        const next = pending.shift();
        if (next) void execute(next);
      }
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://x");
    const route = `${req.method} ${url.pathname}`;
    const entry = (item: QueueItem) => [item.number, item.promptId, item.workflow, { client_id: item.clientId }, []];
    if (route === "GET /system_stats") return send(res, 200, { system: { os: "posix", comfyui_version: "0.3.60", python_version: "3.12" }, devices: [{ name: "fake", type: "cuda" }] });
    if (route === "GET /queue") return send(res, 200, { queue_running: running ? [entry(running)] : [], queue_pending: pending.map(entry) });
    if (req.method === "GET" && url.pathname.startsWith("/history/")) {
      const id = decodeURIComponent(url.pathname.slice("/history/".length));
      const found = history.get(id);
      return send(res, 200, found ? { [id]: found } : {});
    }
    if (route === "POST /prompt") {
      const body = JSON.parse((await readBody(req)).toString()) as { prompt?: Workflow; prompt_id?: string; client_id?: string };
      if (!body.prompt) return send(res, 400, { error: { type: "no_prompt", message: "No prompt provided", details: "No prompt provided", extra_info: {} }, node_errors: {} });
      const promptId = (!options.ignoresPromptId && body.prompt_id) || crypto.randomUUID();
      const invalid = validate(body.prompt);
      submissions.push({ promptId, clientId: body.client_id, workflow: body.prompt, accepted: !invalid });
      if (invalid) return send(res, 400, invalid);
      const item = { number: number++, promptId, workflow: body.prompt, clientId: body.client_id };
      if (running) pending.push(item);
      else void execute(item);
      return send(res, 200, { prompt_id: promptId, number: item.number, node_errors: {} });
    }
    if (route === "POST /upload/image") {
      const form = await new Request("http://x/", { method: "POST", headers: req.headers as Record<string, string>, body: new Uint8Array(await readBody(req)) }).formData();
      const image = form.get("image");
      if (!(image instanceof File)) return send(res, 400, { error: "no image" });
      await mkdir(path.join(dir, "input"), { recursive: true });
      await writeFile(path.join(dir, "input", image.name), Buffer.from(await image.arrayBuffer()));
      uploads.add(image.name);
      return send(res, 200, { name: image.name, subfolder: "", type: "input" });
    }
    if (route === "POST /interrupt") {
      const body = (await readBody(req)).toString();
      const target = body ? ((JSON.parse(body) as { prompt_id?: string }).prompt_id ?? null) : null;
      interrupts.push(target);
      if (running && (target === null || target === running.promptId)) running.interrupted = true;
      return send(res, 200, {});
    }
    if (route === "POST /queue") {
      const body = JSON.parse((await readBody(req)).toString()) as { delete?: string[]; clear?: boolean };
      if (body.clear) pending = [];
      if (body.delete) {
        deleted.push(...body.delete);
        pending = pending.filter((item) => !body.delete!.includes(item.promptId));
      }
      return send(res, 200, {});
    }
    if (route === "GET /view") {
      const file = path.join(dir, url.searchParams.get("type") ?? "output", url.searchParams.get("subfolder") ?? "", url.searchParams.get("filename") ?? "");
      if (!file.startsWith(dir) || !(await stat(file).catch(() => null))) return send(res, 404, { error: "not found" });
      res.writeHead(200, { "content-type": "application/octet-stream" });
      return createReadStream(file).pipe(res);
    }
    send(res, 404, { error: `no route ${route}` });
  }

  const listen = (port: number) => new Promise<number>((resolve) => server.listen(port, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));
  const port = await listen(0);

  return {
    url: `http://127.0.0.1:${port}`,
    submissions,
    interrupts,
    /** Prompt ids asked to be taken off the queue (POST /queue {delete}). */
    deleted,
    pendingPrompts: () => pending.map((item) => item.promptId),
    /** The model files on the server: delete one to make workflows naming it fail validation. */
    models,
    /** Submissions the server accepted for this prompt id. */
    acceptedFor: (promptId: string) => submissions.filter((s) => s.promptId === promptId && s.accepted).length,
    maxConcurrentRuns: (promptId: string) => maxConcurrentRuns.get(promptId) ?? 0,
    runningPrompt: () => running?.promptId,
    /** The next run fails in this node with this message (an execution_error in its history). */
    failNextRun(failure: { nodeId: string; nodeType: string; message: string }) {
      failNext = failure;
    },
    /** Holds running prompts at their current step until released (restart and interrupt still apply). */
    hold(on: boolean) {
      holdRuns = on;
    },
    /** Stops the process (queue and history are lost, connections refused; uploaded inputs stay) for `downMs`, then starts it again. */
    async restart(downMs: number) {
      life++;
      pending = [];
      running = undefined;
      history = new Map();
      for (const ws of wss.clients) ws.terminate();
      const closed = new Promise((r) => server.close(r));
      for (const socket of sockets) socket.destroy();
      await closed;
      await sleep(downMs);
      await listen(port);
    },
    async stop() {
      for (const ws of wss.clients) ws.terminate();
      const closed = new Promise((r) => server.close(r));
      for (const socket of sockets) socket.destroy();
      await closed;
      life++;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export type FakeComfyui = Awaited<ReturnType<typeof startFakeComfyui>>;
