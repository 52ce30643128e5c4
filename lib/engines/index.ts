import "server-only";
import { ComfyuiEngine } from "./comfyui";
import { waitForEngineHint } from "../queue/notifications";
import { KlingEngine } from "./kling/engine";
import { klingConfig } from "./kling/config";
import { LocalEngine } from "./local";
import { EngineError, type Engine } from "./types";
import { benchEngineFromEnv } from "./fixed-time";

const local = new LocalEngine();
// bench:scale only: every job takes a fixed time (a production process refuses the variable).
const bench = benchEngineFromEnv();
// Made on first use: it needs COMFYUI_URL and its workflow templates.
let comfyui: ComfyuiEngine | undefined;
// Keyed by its settings, so the cached JWT lives as long as the settings it was signed with.
let kling: { key: string; engine: KlingEngine } | null = null;

function klingEngine(): Engine {
  let config;
  try {
    config = klingConfig();
  } catch (error) {
    throw new EngineError(`The kling engine is not configured on this server (${error instanceof Error ? error.message : String(error)})`, false);
  }
  const key = JSON.stringify(config);
  if (kling?.key !== key) kling = { key, engine: new KlingEngine({ config, waitForHint: waitForEngineHint }) };
  return kling.engine;
}

/** The engine provider registered under `id`. */
export function engineFor(id: string): Engine {
  if (bench) return bench;
  if (id === local.id) return local;
  if (id === "comfyui") return (comfyui ??= ComfyuiEngine.fromEnv());
  if (id === "kling") return klingEngine();
  throw new EngineError(`Unknown engine provider "${id}".`, false);
}
