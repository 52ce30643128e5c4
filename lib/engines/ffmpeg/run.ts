import "server-only";
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { EngineError } from "../types";

// The static build shipped by @ffmpeg-installer: no download at install time, same binary everywhere.
export const FFMPEG_PATH: string = createRequire(import.meta.url)("@ffmpeg-installer/ffmpeg").path;

export type RunOptions = {
  /** Frames the first output will have: progress is frames written / this. */
  totalFrames: number;
  signal: AbortSignal;
  /** Called with increasing whole percentages below 100; a rejection stops ffmpeg and is rethrown. */
  onProgress(percent: number): Promise<void>;
};

/**
 * Runs ffmpeg to completion, reporting progress from its own `-progress` output. Reports never
 * overlap: while one is being recorded, newer values wait and only the latest is sent.
 */
export function runFfmpeg(args: string[], { totalFrames, signal, onProgress }: RunOptions): Promise<void> {
  signal.throwIfAborted();
  return new Promise((resolve, reject) => {
    const child = spawn(FFMPEG_PATH, ["-hide_banner", "-nostdin", "-loglevel", "error", "-progress", "pipe:1", "-nostats", ...args], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let failure: unknown;
    const fail = (error: unknown) => {
      failure ??= error;
      child.kill("SIGKILL");
    };
    const onAbort = () => fail(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });

    let reported = 0;
    let wanted = 0;
    let inFlight: Promise<void> | undefined;
    let exited = false;
    const report = () => {
      if (inFlight || exited || failure !== undefined || wanted <= reported) return;
      const percent = wanted;
      inFlight = onProgress(percent).then(
        () => {
          reported = percent;
          inFlight = undefined;
          report();
        },
        (error: unknown) => fail(error),
      );
    };

    let pending = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      pending += chunk;
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) {
        const match = /^frame=(\d+)/.exec(line);
        if (!match) continue;
        wanted = Math.max(wanted, Math.min(99, Math.floor((100 * Number(match[1])) / totalFrames)));
        report();
      }
    });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr = (stderr + chunk).slice(-4000);
    });

    child.on("error", (error) => fail(new EngineError(`ffmpeg could not start: ${error.message}`, false)));
    child.on("close", async (code, killedBy) => {
      exited = true;
      signal.removeEventListener("abort", onAbort);
      await inFlight; // the caller's next report must not overlap this one
      if (failure !== undefined) return reject(failure);
      if (code === 0) return resolve();
      // Killed from outside (e.g. out of memory): worth another try. A non-zero exit is about the input.
      if (killedBy) return reject(new EngineError(`ffmpeg was killed (${killedBy})`, true));
      reject(new EngineError("The renderer could not make this video from its inputs.", false, undefined, `ffmpeg failed (exit ${code}): ${stderr.trim()}`));
    });
  });
}
