import type { Plate } from "../ffmpeg/pam";
import { hashString } from "./random";
import { mix, type Layer, type Rgb, type Scene } from "./scene";

/**
 * Paints a scene's layers into RGBA pictures ("plates") that ffmpeg then moves with the camera.
 * Everything is drawn in view units (x ∈ [-A·s, A·s], y ∈ [-s, s], y down; s = the layer's overscan)
 * so a scene looks the same at every output size. Edges are antialiased by coverage.
 */

/** A hash of two integers to [0, 1): the lattice values of the noise. */
function lattice(seed: number, i: number, j = 0): number {
  let h = Math.imul(seed ^ Math.imul(i, 0x27d4eb2d) ^ Math.imul(j, 0x165667b1), 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return (h >>> 0) / 4294967296;
}

/** Smooth 1-D value noise in [0, 1). */
function noise(seed: number, x: number): number {
  const i = Math.floor(x);
  const f = x - i;
  const a = lattice(seed, i);
  return a + (lattice(seed, i + 1) - a) * f * f * (3 - 2 * f);
}

function fbm(seed: number, x: number, octaves: number, ridged = false): number {
  let sum = 0;
  let norm = 0;
  for (let k = 0, amp = 1, freq = 1; k < octaves; k++, amp *= 0.5, freq *= 2.03) {
    const n = noise(seed + k, x * freq);
    sum += amp * (ridged ? 1 - Math.abs(2 * n - 1) : n);
    norm += amp;
  }
  return sum / norm;
}

const clamp01 = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);

class Canvas {
  readonly rgba: Uint8Array;
  constructor(
    readonly width: number,
    readonly height: number,
    /** View units per pixel, and the view coordinates of the top-left corner. */
    readonly unit: number,
    readonly left: number,
    readonly top: number,
  ) {
    this.rgba = new Uint8Array(width * height * 4);
  }
  x(i: number) {
    return this.left + (i + 0.5) * this.unit;
  }
  y(j: number) {
    return this.top + (j + 0.5) * this.unit;
  }
  set(i: number, j: number, c: Rgb, alpha: number) {
    const o = (j * this.width + i) * 4;
    this.rgba[o] = c[0];
    this.rgba[o + 1] = c[1];
    this.rgba[o + 2] = c[2];
    this.rgba[o + 3] = alpha * 255 + 0.5;
  }
  /** Straight-alpha "over" onto what is there. */
  blend(i: number, j: number, c: Rgb, alpha: number) {
    const o = (j * this.width + i) * 4;
    const below = this.rgba[o + 3]! / 255;
    const out = alpha + below * (1 - alpha);
    if (out <= 0) return;
    for (let k = 0; k < 3; k++) this.rgba[o + k] = (c[k]! * alpha + this.rgba[o + k]! * below * (1 - alpha)) / out;
    this.rgba[o + 3] = out * 255 + 0.5;
  }
}

/** A plate of `width`×`height` pixels showing `overscan` times the view of a frame of that shape. */
function canvasFor(width: number, height: number, overscan: number): Canvas {
  const unit = (2 * overscan) / height;
  return new Canvas(width, height, unit, (-width / 2) * unit, -overscan);
}

function skyColor(scene: Scene, y: number, top: number): Rgb {
  const t = clamp01((y - top) / (scene.horizon - top));
  return mix(scene.zenith, scene.horizonColor, Math.pow(t, 1.6));
}

function paintSky(scene: Scene, c: Canvas) {
  const { light } = scene;
  const top = Math.min(c.top, -1);
  for (let j = 0; j < c.height; j++) {
    const y = c.y(j);
    const base = skyColor(scene, y, top);
    for (let i = 0; i < c.width; i++) {
      const x = c.x(i);
      const d2 = (x - light.x) ** 2 + (y - light.y) ** 2;
      const glow = light.strength * (0.55 * Math.exp(-d2 / 0.04) + 0.45 * Math.exp(-d2 / 0.6));
      let color = mix(base, light.glow, clamp01(glow));
      const disc = clamp01((light.radius - Math.sqrt(d2)) / c.unit + 0.5);
      if (disc > 0) color = mix(color, light.color, disc);
      c.set(i, j, color, 1);
    }
  }
  if (!scene.stars) return;
  const count = Math.round(120 * c.width * c.unit * (scene.horizon - c.top));
  for (let k = 0; k < count; k++) {
    const x = c.left + lattice(scene.seed, k, 1) * c.width * c.unit;
    const y = c.top + lattice(scene.seed, k, 2) * (scene.horizon - c.top);
    const bright = Math.pow(lattice(scene.seed, k, 3), 3) * clamp01((scene.horizon - y) * 3);
    const i = Math.floor((x - c.left) / c.unit);
    const j = Math.floor((y - c.top) / c.unit);
    const size = Math.max(1, Math.round(0.0025 / c.unit));
    for (let dj = 0; dj < size; dj++)
      for (let di = 0; di < size; di++)
        if (i + di < c.width && j + dj < c.height) c.blend(i + di, j + dj, [255, 250, 235], 0.35 + 0.65 * bright);
  }
}

function paintClouds(scene: Scene, layer: Extract<Layer, { kind: "clouds" }>, c: Canvas) {
  const night = scene.time === "night";
  const lit: Rgb = mix(night ? [74, 82, 108] : [252, 252, 254], scene.light.glow, scene.time === "sunset" ? 0.55 : 0.2);
  const shade: Rgb = night ? [24, 28, 44] : scene.time === "sunset" ? [104, 72, 104] : [178, 186, 202];
  const width = c.width * c.unit;
  const count = Math.round(layer.cover * 5 * width);
  for (let k = 0; k < count; k++) {
    const r = (n: number) => lattice(layer.seed, k, n);
    const cx = c.left + r(1) * width;
    const base = c.top + 0.15 + r(2) * (scene.horizon - c.top - 0.35);
    const size = (0.25 + 0.6 * r(3)) * (0.6 + 0.4 * layer.cover);
    const puffs = 5 + Math.floor(r(4) * 7);
    for (let p = 0; p < puffs; p++) {
      const radius = size * (0.18 + 0.22 * lattice(layer.seed + p, k, 5));
      const px = cx + size * (lattice(layer.seed + p, k, 6) - 0.5) * 1.6;
      const py = base - radius * (0.3 + 0.5 * lattice(layer.seed + p, k, 7));
      const i0 = Math.max(0, Math.floor((px - radius - c.left) / c.unit));
      const i1 = Math.min(c.width - 1, Math.ceil((px + radius - c.left) / c.unit));
      const j0 = Math.max(0, Math.floor((py - radius - c.top) / c.unit));
      const j1 = Math.min(c.height - 1, Math.ceil((base - c.top) / c.unit));
      for (let j = j0; j <= j1; j++) {
        const y = c.y(j);
        // Flat, soft cloud bases; lit tops.
        const under = clamp01((base - y) / (0.3 * size));
        const color = mix(shade, lit, clamp01((base - y) / (1.2 * size)));
        for (let i = i0; i <= i1; i++) {
          const d = Math.hypot(c.x(i) - px, y - py);
          const a = clamp01((radius - d) / (0.45 * radius)) * under * 0.92;
          if (a <= 0) continue;
          const o = (j * c.width + i) * 4 + 3;
          if (a * 255 > c.rgba[o]!) c.set(i, j, color, a);
        }
      }
    }
  }
}

/** Where the ground starts in column x (smaller y = higher), for each ridge style. */
function ridgeTop(layer: Extract<Layer, { kind: "ridge" }>, x: number): { top: number; building: number } {
  const { seed, base, height } = layer;
  switch (layer.style) {
    case "peaks":
      return { top: base - height * Math.pow(fbm(seed, x * 0.9, 6, true), 2.2) * 1.3, building: -1 };
    case "rolling":
      return { top: base - height * fbm(seed, x * 0.7, 4), building: -1 };
    case "dunes": {
      const phase = x * 1.6 + 2 * fbm(seed, x * 0.3, 2);
      // Sharp crests, rounded troughs.
      const crest = 1 - Math.pow(Math.abs(Math.sin(phase)), 0.7);
      return { top: base - height * (0.35 * fbm(seed + 9, x * 0.5, 3) + 0.65 * crest), building: -1 };
    }
    case "pines": {
      const ground = base - 0.2 * height * fbm(seed, x * 0.8, 3);
      const spacing = height * 0.32;
      const slot = Math.floor(x / spacing);
      let top = ground;
      for (let k = slot - 2; k <= slot + 2; k++) {
        if (lattice(seed, k, 1) < 0.25) continue;
        const tall = height * (0.45 + 0.55 * lattice(seed, k, 2));
        const centre = (k + lattice(seed, k, 3)) * spacing;
        const d = Math.abs(x - centre) / (tall * 0.22);
        if (d >= 1) continue;
        // Tiered pine outline: a triangle with notches.
        const tiers = 1 - 0.18 * ((d * 4 + (1 - d) * 3) % 1);
        top = Math.min(top, ground - tall * (1 - d) * tiers);
      }
      return { top, building: -1 };
    }
    case "skyline": {
      const spacing = height * 0.22;
      const slot = Math.floor(x / spacing);
      const f = x / spacing - slot;
      if (f > 0.55 + 0.45 * lattice(seed, slot, 1)) return { top: base - height * 0.1, building: -1 };
      let top = base - height * (0.25 + 0.75 * Math.pow(lattice(seed, slot, 2), 1.5));
      // A few antennas.
      if (lattice(seed, slot, 3) < 0.2 && Math.abs(f - 0.25) < 0.02) top -= height * 0.15;
      return { top, building: slot };
    }
  }
}

function paintRidge(scene: Scene, layer: Extract<Layer, { kind: "ridge" }>, c: Canvas) {
  const night = scene.time === "night";
  const lightSide = Math.sign(scene.light.x) || 1;
  const snow: Rgb = [246, 248, 252];
  for (let i = 0; i < c.width; i++) {
    const x = c.x(i);
    const { top, building } = ridgeTop(layer, x);
    // Slope over a fixed distance, not a pixel: light follows the mountain's shape, not its noise.
    const slope = (ridgeTop(layer, x + 0.02).top - ridgeTop(layer, x - 0.02).top) / 0.04;
    const shaped = layer.style === "peaks" || layer.style === "rolling" || layer.style === "dunes";
    const lit = shaped ? 1 + 0.35 * Math.max(-1, Math.min(1, slope * lightSide * 2)) : 1;
    const litWindows = night ? 0.45 : scene.time === "sunset" ? 0.2 : 0;
    for (let j = 0; j < c.height; j++) {
      const y = c.y(j);
      const cover = clamp01((y - top) / c.unit + 0.5);
      const below = y - top;
      let color = mix(layer.albedo, [0, 0, 0], clamp01(below * 0.6) * 0.45);
      color = [color[0] * lit, color[1] * lit, color[2] * lit];
      if (layer.snowLine !== undefined && y < layer.snowLine + 0.04 * noise(layer.seed, x * 9)) {
        color = mix(snow, [snow[0] * 0.7, snow[1] * 0.75, snow[2] * 0.9], clamp01(1 - lit + 0.3));
        color = [(color[0] * scene.sunlight[0]) / 255, (color[1] * scene.sunlight[1]) / 255, (color[2] * scene.sunlight[2]) / 255];
      }
      if (building >= 0 && below > 0.01) {
        const col = Math.floor(x / (0.012 * layer.height * 3));
        const row = Math.floor(y / (0.02 * layer.height * 3));
        const inWindow = (x / (0.012 * layer.height * 3)) % 1 < 0.55 && (y / (0.02 * layer.height * 3)) % 1 < 0.5;
        if (inWindow && lattice(layer.seed + building, col, row) < litWindows) color = mix([255, 206, 130], scene.light.glow, 0.25);
      }
      color = mix(color, scene.horizonColor, layer.haze * (night ? 0.5 : 1));
      // Transparent pixels keep the ground colour so filtering at the edge does not darken it.
      c.set(i, j, [Math.min(255, color[0]), Math.min(255, color[1]), Math.min(255, color[2])], cover);
    }
  }
}

function paintWater(scene: Scene, layer: Extract<Layer, { kind: "water" }>, c: Canvas) {
  const deep: Rgb = mix([16, 40, 64], [0, 0, 0], scene.time === "night" ? 0.7 : 0);
  const top = Math.min(c.top, -1);
  for (let j = 0; j < c.height; j++) {
    const y = c.y(j);
    const below = y - layer.top;
    const cover = clamp01(below / c.unit + 0.5);
    const reflected = skyColor(scene, layer.top - below * 1.5, top);
    const base = mix(reflected, deep, clamp01(below * 1.4) * 0.7);
    for (let i = 0; i < c.width; i++) {
      const x = c.x(i);
      // Ripples get finer towards the horizon, as on a flat surface seen at a low angle.
      const ripple = 0.5 + 0.5 * Math.sin(90 * Math.sqrt(Math.max(0, below)) + 6 * noise(layer.seed, x * 3 + y * 10));
      const glint = Math.exp(-((x - scene.light.x) ** 2) / (0.02 + below * 0.2)) * scene.light.strength;
      let color = mix(base, [255, 255, 255], 0.08 * ripple);
      color = mix(color, scene.light.color, clamp01(glint * Math.pow(ripple, 6) * 1.2));
      c.set(i, j, color, cover);
    }
  }
}

function paintFog(scene: Scene, layer: Extract<Layer, { kind: "fog" }>, c: Canvas) {
  const color = mix(scene.horizonColor, [235, 238, 242], scene.time === "night" ? 0.05 : 0.35);
  for (let i = 0; i < c.width; i++) {
    const x = c.x(i);
    const thickness = 0.25 + 0.35 * fbm(layer.seed, x * 1.3, 3);
    for (let j = 0; j < c.height; j++) {
      const t = (c.y(j) - layer.top) / thickness;
      c.set(i, j, color, t <= 0 ? 0 : 0.7 * Math.exp(-((t - 0.6) ** 2) / 0.35));
    }
  }
}

/** The plate of one layer, `width`×`height`, showing `overscan` times the view. */
export function paintLayer(scene: Scene, layer: Layer, width: number, height: number, overscan: number): Plate {
  const c = canvasFor(width, height, overscan);
  switch (layer.kind) {
    case "sky":
      paintSky(scene, c);
      break;
    case "clouds":
      paintClouds(scene, layer, c);
      break;
    case "ridge":
      paintRidge(scene, layer, c);
      break;
    case "water":
      paintWater(scene, layer, c);
      break;
    case "fog":
      paintFog(scene, layer, c);
      break;
  }
  return { width, height, rgba: c.rgba };
}

export type Precipitation = { plate: Plate; pixelsPerSecond: number };

/**
 * Rain or snow: two tiles (far: small and slow; near: large and fast) twice the frame's height whose
 * halves are identical, so scrolling them down by one frame height loops seamlessly.
 */
export function paintPrecipitation(scene: Scene, width: number, height: number): Precipitation[] {
  if (scene.weather !== "rain" && scene.weather !== "snow") return [];
  const rain = scene.weather === "rain";
  const px = height / 720;
  return [0, 1].map((near) => {
    const c = new Canvas(width, height * 2, 1, 0, 0);
    const seed = hashString(`precipitation${near}`) ^ scene.seed;
    const count = Math.round((rain ? 500 : 260) * (width / height) * (near ? 0.5 : 1));
    const slant = Math.sign(scene.wind) * (rain ? 0.25 : 0);
    for (let k = 0; k < count; k++) {
      const x0 = lattice(seed, k, 1) * width;
      const y0 = lattice(seed, k, 2) * height;
      const size = px * (near ? 1.8 : 1) * (0.7 + 0.6 * lattice(seed, k, 3));
      const alpha = (rain ? 0.3 : 0.85) * (0.6 + 0.4 * lattice(seed, k, 4));
      const color: Rgb = rain ? [200, 210, 225] : [250, 252, 255];
      const length = rain ? 16 * size : 0;
      const radius = rain ? 0.6 * size : 1.4 * size;
      for (let s = 0; s <= length; s += 1) {
        const cx = x0 + slant * s;
        const cy = y0 + s;
        for (let dy = -Math.ceil(radius); dy <= Math.ceil(radius); dy++)
          for (let dx = -Math.ceil(radius); dx <= Math.ceil(radius); dx++) {
            const i = Math.floor(cx) + dx;
            const a = alpha * clamp01(radius + 0.5 - Math.hypot(i + 0.5 - cx, Math.floor(cy) + dy + 0.5 - cy));
            if (a <= 0 || i < 0 || i >= width) continue;
            const j = (((Math.floor(cy) + dy) % height) + height) % height;
            c.blend(i, j, color, a);
            c.blend(i, j + height, color, a);
          }
      }
    }
    const speed = (rain ? 1.4 : 0.1) * (near ? 1.6 : 1) * height;
    return { plate: { width, height: height * 2, rgba: c.rgba }, pixelsPerSecond: speed };
  });
}
