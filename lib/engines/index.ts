import "server-only";
import { LocalEngine } from "./local";
import { EngineError, type Engine } from "./types";

const local = new LocalEngine();

/** The engine provider registered under `id`. */
export function engineFor(id: string): Engine {
  if (id === local.id) return local;
  throw new EngineError(`Unknown engine provider "${id}".`, false);
}
