import { rng } from "./random";
import type { Scene } from "./scene";

/**
 * An ambient bed for the clip, as an ffmpeg audio filter graph ending in [audio]: filtered noise for
 * wind, waves, rain or city rumble (from the scene's words) under a quiet drone chord chosen by the
 * seed. Seeded noise sources keep it deterministic.
 */
export function ambienceGraph(scene: Scene, seconds: number): string {
  const random = rng(scene.seed ^ 0xa0d10);
  const noise = (color: string, amplitude: number) => `anoisesrc=c=${color}:s=${random.int(0, 2 ** 31)}:a=${amplitude}:d=${seconds}`;
  const swell = (hz: number, floor: number) =>
    `volume='${floor}+${1 - floor}*pow(0.5+0.5*sin(2*PI*${hz.toFixed(3)}*t+${random.range(0, 6).toFixed(3)}),2)':eval=frame`;

  const beds = [`${noise("pink", 0.5)},lowpass=f=${random.int(350, 600)},${swell(random.range(0.08, 0.2), 0.45)}`];
  if (scene.terrain === "water") beds.push(`${noise("brown", 0.9)},lowpass=f=900,${swell(random.range(0.08, 0.13), 0.15)}`);
  if (scene.weather === "rain") beds.push(`${noise("white", 0.35)},highpass=f=1200,lowpass=f=7000`);
  if (scene.terrain === "city") beds.push(`${noise("brown", 0.8)},lowpass=f=180`);

  // A drone on a root from A2 to E3, major by day, minor by night.
  const root = 110 * Math.pow(2, random.int(0, 7) / 12);
  const third = scene.time === "night" ? 6 / 5 : 5 / 4;
  const tones = [root, root * third, root * 1.5, root * 2].map(
    (f, i) => `${[0.05, 0.03, 0.03, 0.015][i]}*sin(2*PI*${f.toFixed(3)}*t)*(0.75+0.25*sin(2*PI*${random.range(0.05, 0.2).toFixed(3)}*t))`,
  );
  beds.push(`aevalsrc='${tones.join("+")}':s=48000:d=${seconds}`);

  const labels = beds.map((_, i) => `[bed${i}]`);
  const fadeOut = Math.max(0, seconds - 1);
  return [
    ...beds.map((chain, i) => `${chain},aformat=sample_rates=48000:channel_layouts=mono${labels[i]}`),
    `${labels.join("")}amix=inputs=${beds.length}:duration=first,volume=${beds.length * 0.8},afade=t=in:d=0.6,afade=t=out:st=${fadeOut}:d=1,aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo[audio]`,
  ].join(";\n");
}
