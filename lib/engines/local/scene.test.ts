import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { paintLayer, paintPrecipitation } from "./plate";
import { describeScene, type Scene } from "./scene";

const fingerprint = (scene: Scene) => {
  const hash = createHash("sha256");
  for (const layer of scene.layers) hash.update(paintLayer(scene, layer, 160, 90, 1.2).rgba);
  for (const fall of paintPrecipitation(scene, 160, 90)) hash.update(fall.plate.rgba);
  return hash.digest("hex");
};
const kinds = (scene: Scene) => scene.layers.map((l) => (l.kind === "ridge" ? l.style : l.kind));

describe("describeScene", () => {
  it("is the same scene, to the pixel, for the same prompt and seed", () => {
    const a = describeScene("a lighthouse on a cliff at dusk", 11);
    expect(describeScene("a lighthouse on a cliff at dusk", 11)).toEqual(a);
    expect(fingerprint(describeScene("a lighthouse on a cliff at dusk", 11))).toBe(fingerprint(a));
  });

  it("changes with the seed and with the prompt", () => {
    const base = fingerprint(describeScene("a quiet valley", 1));
    expect(fingerprint(describeScene("a quiet valley", 2))).not.toBe(base);
    expect(fingerprint(describeScene("a quiet valley with a river", 1))).not.toBe(base);
  });

  it("reads time of day, terrain, weather and colours from the words", () => {
    const night = describeScene("stars over the desert at night", 3);
    expect([night.time, night.terrain, night.stars]).toEqual(["night", "desert", true]);
    const sunset = describeScene("sunset over the ocean", 3);
    expect([sunset.time, sunset.terrain]).toEqual(["sunset", "water"]);
    expect(kinds(sunset)).toContain("water");
    const city = describeScene("a rainy city street", 3);
    expect([city.terrain, city.weather]).toEqual(["city", "rain"]);
    expect(kinds(city)).toContain("skyline");
    expect(kinds(describeScene("a pine forest in fog", 3))).toEqual(expect.arrayContaining(["pines", "fog"]));
    expect(describeScene("a purple sky", 3).horizonColor).not.toEqual(describeScene("a sky", 3).horizonColor);
  });

  it("moves with the words: wind speed and the camera's idle move", () => {
    expect(Math.abs(describeScene("a windy hill", 5).wind)).toBeGreaterThan(Math.abs(describeScene("a calm hill", 5).wind));
    const flying = describeScene("flying over mountains", 5).idleMove.find((m) => m.key === "z")!;
    const still = describeScene("mountains", 5).idleMove.find((m) => m.key === "z")!;
    expect(flying.to).toBeGreaterThan(still.to);
  });

  it("leaves out weather and clouds named in the negative prompt", () => {
    const scene = describeScene("a stormy rainy sea with clouds", 8, "rain, clouds");
    expect(scene.weather).toBe("clear");
    expect(kinds(scene)).not.toContain("clouds");
  });

  it("stacks an opaque sky behind layers that are open at the top and solid at the bottom", () => {
    const scene = describeScene("rolling hills", 4);
    const [sky, ...rest] = scene.layers;
    const alpha = (rgba: Uint8Array, i: number, j: number) => rgba[(j * 160 + i) * 4 + 3];
    const skyPlate = paintLayer(scene, sky!, 160, 90, 1).rgba;
    expect(alpha(skyPlate, 80, 0)).toBe(255);
    const near = paintLayer(scene, rest.at(-1)!, 160, 90, 1).rgba;
    expect(alpha(near, 80, 0)).toBe(0);
    expect(alpha(near, 80, 89)).toBe(255);
  });
});
