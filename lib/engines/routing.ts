import { z } from "zod";
import { CLIP_SECONDS, MODES } from "../validation/limits";
import { comfyuiConfigured, comfyuiReferenceSlots, loadComfyuiConfig } from "./comfyui/config";
import { klingConfig } from "./kling/config";
import { renderQuality } from "./local/quality";
import { capabilitiesOf, DEFAULT_KLING_MODEL, engineModel, type Capabilities, type ClipSeconds, type EngineRoute, type Kind, type Mode } from "./capabilities";

/**
 * Which engine renders each mode: ENGINE_STANDARD and ENGINE_PROFESSIONAL, each `<engine>` or
 * `<engine>:<model>` (e.g. `kling:kling-v2-6`). Both default to `local`, so a fresh machine
 * needs nothing. Read per call (cheap), so the studio and submit always agree with the worker's env.
 * No "server-only" here: start-up (scripts/serve.ts, outside Next) checks it.
 */

const routeSchema = z
  .string()
  .trim()
  .min(1)
  .transform((value): EngineRoute => {
    const [engine = "", model] = value.split(":", 2);
    return { engine, model: model ?? (engine === "kling" ? DEFAULT_KLING_MODEL : null) };
  })
  .refine((route) => engineModel(route) !== undefined, {
    message: "must be local, comfyui, kling or kling:<model> with a model listed in lib/engines/capabilities.ts",
  });

type Env = Record<string, string | undefined>;

const ENV: Record<Mode, string> = { standard: "ENGINE_STANDARD", professional: "ENGINE_PROFESSIONAL" };

class EngineConfigError extends Error {}

/** The engine (and model) configured for a mode. Throws EngineConfigError naming the variable when it is wrong. */
export function engineRoute(mode: Mode, env: Env = process.env): EngineRoute {
  const name = ENV[mode];
  const parsed = routeSchema.safeParse(env[name] ?? "local");
  if (!parsed.success) throw new EngineConfigError(`${name}=${env[name]}: ${parsed.error.issues[0]!.message}.`);
  return parsed.data;
}

/** Every route, checked: start-up calls this so a wrong value stops the process before it serves. */
export function engineRoutes(env: Env = process.env): Record<Mode, EngineRoute> {
  return { standard: engineRoute("standard", env), professional: engineRoute("professional", env) };
}

export type StudioCapabilities = Record<Mode, Record<Kind, Record<ClipSeconds, Capabilities>>>;

/** What the studio may offer, for each mode, kind and length, given the configured engines. */
export function studioCapabilities(env: Env = process.env): StudioCapabilities {
  const routes = engineRoutes(env);
  // A ComfyUI template says itself how many references it takes.
  const withSlots = (route: EngineRoute, kind: Kind, can: Capabilities): Capabilities =>
    route.engine === "comfyui" && can.available ? { ...can, references: comfyuiReferenceSlots(kind, env) } : can;
  const byLength = (route: EngineRoute, kind: Kind, mode: Mode) =>
    Object.fromEntries(CLIP_SECONDS.map((s) => [s, withSlots(route, kind, capabilitiesOf(route, kind, mode, s))])) as Record<ClipSeconds, Capabilities>;
  return Object.fromEntries(
    MODES.map((mode) => [mode, { text_to_video: byLength(routes[mode], "text_to_video", mode), image_to_video: byLength(routes[mode], "image_to_video", mode) }]),
  ) as StudioCapabilities;
}

/** Start-up check: the routes parse and every routed engine has its settings. Throws naming the variable. */
export function checkEngineConfig(env: Env = process.env): void {
  // Read by earlier versions: silently ignoring it would move a configured installation back to local.
  if (env.GENERATION_PROVIDER) {
    throw new EngineConfigError(`GENERATION_PROVIDER is no longer read: set ENGINE_STANDARD and ENGINE_PROFESSIONAL instead (e.g. ENGINE_STANDARD=${env.GENERATION_PROVIDER}).`);
  }
  const routes = Object.values(engineRoutes(env));
  if (routes.some((route) => route.engine === "kling")) klingConfig(env);
  if (comfyuiConfigured(env)) loadComfyuiConfig(env);
  renderQuality(env);
}
