import "server-only";
import { ComfyuiEngine } from "./comfyui";
import { LocalEngine } from "./local";
import { EngineError, type Engine } from "./types";

const local = new LocalEngine();
// Made on first use: it needs COMFYUI_URL and its workflow templates.
let comfyui: ComfyuiEngine | undefined;

/** The engine provider registered under `id`. */
export function engineFor(id: string): Engine {
  if (id === local.id) return local;
  if (id === "comfyui") return (comfyui ??= ComfyuiEngine.fromEnv());
  throw new EngineError(`Unknown engine provider "${id}".`, false);
}
