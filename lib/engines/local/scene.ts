import { whole, type Move } from "./camera";
import { hashString, rng, type Rng } from "./random";

/**
 * Text-to-video scenes: a prompt (and seed) becomes a landscape of layered planes at different
 * depths — sky, clouds, far ridge, middle ground, fog, foreground — plus falling rain or snow. The
 * words choose the time of day, terrain, weather, colours and how things move; the seed and the
 * prompt's hash fill in everything the words leave open, so the same prompt and seed always give the
 * same scene and different prompts give different ones.
 */

export type Rgb = readonly [number, number, number];
export type TimeOfDay = "day" | "sunset" | "dawn" | "night";
export type Terrain = "mountains" | "hills" | "forest" | "water" | "desert" | "city" | "snow";
export type Weather = "clear" | "rain" | "snow" | "fog";

/** A silhouette drawn as a height field: per column, where the ground starts. */
export type RidgeStyle = "peaks" | "rolling" | "dunes" | "pines" | "skyline";

export type Layer =
  | { kind: "sky"; depth: number }
  | { kind: "clouds"; depth: number; seed: number; cover: number }
  | { kind: "ridge"; depth: number; seed: number; style: RidgeStyle; base: number; height: number; albedo: Rgb; haze: number; snowLine?: number }
  | { kind: "water"; depth: number; seed: number; top: number }
  | { kind: "fog"; depth: number; seed: number; top: number };

export type Scene = {
  time: TimeOfDay;
  terrain: Terrain;
  weather: Weather;
  /** Sky colours from straight up to the horizon. */
  zenith: Rgb;
  horizonColor: Rgb;
  /** Sun or moon. */
  light: { x: number; y: number; radius: number; color: Rgb; glow: Rgb; strength: number };
  /** Colour and brightness of the light falling on the ground. */
  sunlight: Rgb;
  stars: boolean;
  horizon: number;
  layers: Layer[];
  /** Clouds and fog drift, in view units per second. */
  wind: number;
  /** What the camera does when the request names no camera move. */
  idleMove: Move[];
  seed: number;
};

const WORDS: Record<string, readonly string[]> = {
  night: ["night", "midnight", "moon", "moonlight", "moonlit", "stars", "starry", "dark", "nocturnal", "galaxy", "milky"],
  sunset: ["sunset", "dusk", "evening", "golden", "twilight", "sundown"],
  dawn: ["dawn", "sunrise", "morning", "daybreak"],
  day: ["day", "noon", "sunny", "bright", "afternoon", "daylight"],
  mountains: ["mountain", "mountains", "peak", "peaks", "alps", "alpine", "cliff", "cliffs", "volcano", "summit", "ridge"],
  hills: ["hill", "hills", "meadow", "field", "fields", "farm", "countryside", "valley", "grass", "prairie"],
  forest: ["forest", "woods", "trees", "tree", "jungle", "pine", "pines", "woodland", "grove"],
  water: ["ocean", "sea", "beach", "waves", "coast", "lake", "river", "water", "shore", "bay", "harbor", "island"],
  desert: ["desert", "dunes", "dune", "sand", "sahara", "canyon", "arid"],
  city: ["city", "street", "skyline", "buildings", "building", "town", "urban", "neon", "cyberpunk", "downtown", "skyscraper", "skyscrapers"],
  snow: ["snow", "snowy", "winter", "ice", "icy", "frozen", "arctic", "glacier", "blizzard", "snowfall"],
  rain: ["rain", "rainy", "storm", "stormy", "thunderstorm", "drizzle", "downpour"],
  fog: ["fog", "foggy", "mist", "misty", "haze", "hazy"],
  cloudy: ["cloud", "clouds", "cloudy", "overcast"],
  windy: ["wind", "windy", "storm", "stormy", "gale", "blizzard", "fast", "rushing"],
  calm: ["calm", "still", "serene", "peaceful", "quiet", "gentle", "tranquil", "slow"],
  flying: ["flying", "flight", "aerial", "drone", "soaring", "fly", "flyover", "birds"],
  walking: ["walking", "walk", "running", "run", "hiking", "journey", "travel", "driving", "road"],
};

/** Colours named in the prompt tint the sky glow and the lights. */
const COLORS: Record<string, Rgb> = {
  red: [220, 50, 40], crimson: [200, 20, 60], orange: [250, 140, 40], amber: [255, 175, 50],
  yellow: [250, 220, 70], gold: [245, 190, 70], golden: [245, 190, 70], green: [60, 190, 90],
  emerald: [40, 170, 110], teal: [30, 160, 160], cyan: [60, 220, 230], turquoise: [60, 210, 200],
  blue: [60, 110, 230], purple: [150, 70, 210], violet: [140, 90, 230], magenta: [230, 50, 180],
  pink: [250, 130, 180], silver: [200, 205, 215], white: [240, 240, 245],
};

export const mix = (a: Rgb, b: Rgb, t: number): Rgb => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
const scale = (a: Rgb, k: Rgb): Rgb => [(a[0] * k[0]) / 255, (a[1] * k[1]) / 255, (a[2] * k[2]) / 255];

const SKIES: Record<TimeOfDay, { zenith: Rgb; horizon: Rgb; light: Rgb; glow: Rgb; sunlight: Rgb }> = {
  day: { zenith: [52, 112, 196], horizon: [178, 210, 236], light: [255, 252, 238], glow: [255, 246, 220], sunlight: [255, 250, 240] },
  sunset: { zenith: [44, 48, 112], horizon: [255, 164, 84], light: [255, 226, 160], glow: [255, 128, 60], sunlight: [200, 120, 100] },
  dawn: { zenith: [84, 118, 178], horizon: [250, 204, 176], light: [255, 242, 214], glow: [255, 196, 160], sunlight: [220, 200, 196] },
  night: { zenith: [4, 7, 24], horizon: [28, 38, 76], light: [236, 236, 222], glow: [110, 130, 196], sunlight: [44, 52, 84] },
};

/** Ground colours in full white light, by terrain: far, middle and near. */
const ALBEDO: Record<Terrain, [Rgb, Rgb, Rgb]> = {
  mountains: [[118, 124, 140], [74, 104, 70], [50, 82, 44]],
  hills: [[110, 140, 120], [96, 150, 70], [70, 128, 48]],
  forest: [[96, 124, 116], [40, 86, 52], [24, 60, 34]],
  water: [[110, 124, 120], [40, 90, 120], [196, 176, 136]],
  desert: [[200, 160, 120], [222, 178, 118], [206, 156, 96]],
  city: [[112, 118, 132], [70, 74, 88], [40, 42, 52]],
  snow: [[206, 214, 228], [222, 228, 238], [236, 240, 246]],
};

const has = (words: Set<string>, group: keyof typeof WORDS) => WORDS[group]!.some((w) => words.has(w));

function firstOf<T extends string>(words: Set<string>, options: readonly T[], random: Rng, fallback: readonly T[]): T {
  return options.find((o) => has(words, o)) ?? random.pick(fallback);
}

const wordsOf = (text: string) => new Set(text.toLowerCase().match(/[a-z]+/g) ?? []);

/** The scene for a prompt and seed; weather and clouds named in `negativePrompt` are left out. */
export function describeScene(prompt: string, seed: number, negativePrompt = ""): Scene {
  const words = wordsOf(prompt);
  const avoid = wordsOf(negativePrompt);
  const sceneSeed = (hashString(prompt.trim().toLowerCase()) ^ Math.imul(seed, 0x9e3779b1)) >>> 0;
  const random = rng(sceneSeed);
  const layerSeed = () => random.int(0, 2 ** 31 - 1);

  const time = firstOf(words, ["night", "sunset", "dawn", "day"] as const, random, ["day", "day", "sunset", "dawn", "night"]);
  const terrain = firstOf(words, ["snow", "city", "desert", "water", "forest", "mountains", "hills"] as const, random, [
    "mountains", "hills", "forest", "water", "desert",
  ]);
  const snowing = words.has("snowfall") || words.has("snowing") || words.has("blizzard") || (terrain === "snow" && random.next() < 0.6);
  const weather: Weather =
    has(words, "rain") && !has(avoid, "rain") ? "rain" : snowing && !avoid.has("snow") ? "snow" : has(words, "fog") && !has(avoid, "fog") ? "fog" : "clear";
  const cloudy = has(words, "cloudy") || weather === "rain" || weather === "snow";
  const clouds = !has(avoid, "cloudy") && (cloudy || random.next() < (time === "night" ? 0.35 : 0.7));

  const sky = SKIES[time];
  const accent = [...words].map((w) => COLORS[w]).find((c) => c !== undefined);
  const overcast = weather === "rain" ? 0.55 : weather === "snow" ? 0.35 : 0;
  const grey: Rgb = time === "night" ? [30, 34, 44] : [150, 156, 166];
  const zenith = mix(accent ? mix(sky.zenith, accent, 0.25) : sky.zenith, grey, overcast);
  const horizonColor = mix(accent ? mix(sky.horizon, accent, 0.45) : sky.horizon, grey, overcast);
  const glow = accent ? mix(sky.glow, accent, 0.6) : sky.glow;

  const horizon = random.range(0.02, 0.24);
  const low = time === "sunset" || time === "dawn";
  const light = {
    x: random.range(-1.1, 1.1),
    y: low ? horizon - random.range(0.08, 0.3) : random.range(-0.8, -0.4),
    radius: time === "night" ? random.range(0.05, 0.08) : random.range(0.06, 0.1),
    color: sky.light,
    glow,
    strength: (1 - overcast) * (low ? 1 : time === "night" ? 0.5 : 0.7),
  };

  const [far, middle, near] = ALBEDO[terrain];
  const ridge = (depth: number, style: RidgeStyle, base: number, height: number, albedo: Rgb, haze: number, snowLine?: number): Layer => ({
    kind: "ridge", depth, seed: layerSeed(), style, base, height, albedo: scale(albedo, sky.sunlight), haze, snowLine,
  });

  const layers: Layer[] = [{ kind: "sky", depth: 60 }];
  if (clouds) {
    layers.push({ kind: "clouds", depth: 30, seed: layerSeed(), cover: cloudy ? random.range(0.55, 0.8) : random.range(0.2, 0.45) });
  }
  const peaks = terrain === "mountains" || terrain === "snow" || random.next() < 0.3;
  layers.push(
    peaks
      ? ridge(9, "peaks", horizon + 0.06, random.range(0.35, 0.6), far, 0.55, terrain === "snow" ? horizon - 0.05 : horizon - random.range(0.25, 0.4))
      : ridge(9, "rolling", horizon + 0.04, random.range(0.06, 0.14), far, 0.6),
  );
  const midBase = horizon + random.range(0.18, 0.3);
  switch (terrain) {
    case "water":
      layers.push({ kind: "water", depth: 3.5, seed: layerSeed(), top: horizon + 0.05 });
      layers.push(ridge(1.6, "rolling", 0.92, random.range(0.04, 0.1), near, 0.05));
      break;
    case "forest":
      layers.push(ridge(3.5, "pines", midBase, random.range(0.12, 0.2), middle, 0.3));
      layers.push(ridge(1.5, "pines", random.range(0.75, 0.9), random.range(0.45, 0.8), near, 0.04));
      break;
    case "city":
      layers.push(ridge(3.5, "skyline", midBase + 0.05, random.range(0.3, 0.5), middle, 0.3));
      layers.push(ridge(1.6, "skyline", 0.95, random.range(0.35, 0.6), near, 0.08));
      break;
    case "desert":
      layers.push(ridge(3.5, "dunes", midBase, random.range(0.08, 0.16), middle, 0.2));
      layers.push(ridge(1.6, "dunes", random.range(0.7, 0.85), random.range(0.1, 0.2), near, 0.04));
      break;
    default:
      layers.push(ridge(3.5, "rolling", midBase, random.range(0.1, 0.2), middle, 0.3));
      layers.push(ridge(1.6, random.next() < 0.5 ? "pines" : "rolling", random.range(0.78, 0.92), random.range(0.12, 0.3), near, 0.05));
  }
  if (weather === "fog" || (terrain === "mountains" && time === "dawn")) {
    // Fog sits between the middle ground and the foreground.
    layers.splice(layers.length - 1, 0, { kind: "fog", depth: 2.5, seed: layerSeed(), top: horizon - 0.1 });
  }

  const wind = 0.02 * (has(words, "windy") ? 3 : has(words, "calm") ? 0.4 : 1) * random.sign();
  const idleMove = has(words, "flying")
    ? [whole("z", 0.35), whole("pitch", -0.03)]
    : has(words, "walking")
      ? [whole("z", 0.22)]
      : [whole("z", 0.25), { key: "x" as const, from: -0.06 * random.sign(), to: 0, start: 0, end: 1 }];

  return { time, terrain, weather, zenith, horizonColor, light, sunlight: sky.sunlight, stars: time === "night", horizon, layers, wind, idleMove, seed: sceneSeed };
}

/** The time of day and weather a prompt names itself (not what a seed would choose): a storyboard carries shot 1's to shots that name none. */
export function namedLook(prompt: string): { time?: TimeOfDay; weather?: Exclude<Weather, "clear"> } {
  const words = wordsOf(prompt);
  const time = (["night", "sunset", "dawn", "day"] as const).find((t) => has(words, t));
  const weather = has(words, "rain") ? "rain" : words.has("snowfall") || words.has("snowing") || words.has("blizzard") ? "snow" : has(words, "fog") ? "fog" : undefined;
  return { time, weather };
}
