import { spawn } from "node:child_process";
import { until } from "./wait";
import { CEILING } from "./ceilings";

export type WorkerProcess = {
  pid: number;
  /** Its log lines so far (JSON, one per line). */
  lines: string[];
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
  /** Signals the whole process group (node and its ffmpeg). */
  signal(signal: NodeJS.Signals): void;
};

/**
 * Starts `npm run worker` as a process of its own against this test's database and queues (it
 * inherits the environment, plus `env`); resolves once it says it is ready.
 */
export async function startWorkerProcess(env: Record<string, string> = {}): Promise<WorkerProcess> {
  // As `npm run worker` runs it: node itself gets the signal (tsx's CLI would relay it, and kills a
  // child that does not acknowledge a relayed signal within 30 ms, as a busy machine may not).
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/worker.ts"], {
    env: { ...process.env, LOG_FORMAT: "json", ...env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  let partial = "";
  const collect = (chunk: Buffer) => {
    const text = partial + chunk.toString("utf8");
    const parts = text.split("\n");
    partial = parts.pop()!;
    lines.push(...parts.filter(Boolean));
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const worker: WorkerProcess = { pid: child.pid!, lines, exited, signal: (signal) => process.kill(-child.pid!, signal) };
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  await until(
    "the worker process to be ready",
    () => {
      if (exitCode !== undefined) throw new Error(`The worker process exited (${exitCode}) before it was ready:\n${lines.join("\n")}`);
      return lines.some((line) => line.includes("worker ready"));
    },
    CEILING.render,
  );
  return worker;
}

/** Kills what is left of a worker process a test started (after a failure). */
export function killWorkerProcess(worker: WorkerProcess | undefined): void {
  try {
    if (worker) process.kill(-worker.pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}
