import type { Plate } from "../engines/ffmpeg/pam";

// A 5×7 pixel font for the letters of the mark: no font files needed on any machine.
const GLYPHS: Record<string, string[]> = {
  R: ["11110", "10001", "10001", "11110", "10100", "10010", "10001"],
  E: ["11111", "10000", "10000", "11110", "10000", "10000", "11111"],
  L: ["10000", "10000", "10000", "10000", "10000", "10000", "11111"],
  S: ["01111", "10000", "10000", "01110", "00001", "00001", "11110"],
  M: ["10001", "11011", "10101", "10101", "10001", "10001", "10001"],
  I: ["11111", "00100", "00100", "00100", "00100", "00100", "11111"],
  T: ["11111", "00100", "00100", "00100", "00100", "00100", "00100"],
  H: ["10001", "10001", "10001", "11111", "10001", "10001", "10001"],
};

const MARK_TEXT = "REELSMITH";

/**
 * The visible watermark: a play-button logo and REELSMITH in white on a translucent dark pill,
 * sized to the video (its height about 4.5% of the frame's short side).
 */
export function paintWatermark(frameWidth: number, frameHeight: number): Plate {
  const unit = Math.max(2, Math.round(Math.min(frameWidth, frameHeight) / 220)); // one font pixel
  const pad = unit * 3;
  const textWidth = MARK_TEXT.length * 6 * unit - unit;
  const logo = 7 * unit;
  const width = pad + logo + unit * 4 + textWidth + pad;
  const height = pad + 7 * unit + pad;
  const rgba = new Uint8Array(width * height * 4);
  const radius = height / 2;

  const set = (x: number, y: number, r: number, g: number, b: number, a: number) => {
    const i = (y * width + x) * 4;
    rgba[i] = r;
    rgba[i + 1] = g;
    rgba[i + 2] = b;
    rgba[i + 3] = a;
  };
  // The pill: rounded ends, 45% black.
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const cx = x < radius ? radius : x > width - radius ? width - radius : x;
      if ((x + 0.5 - cx) ** 2 + (y + 0.5 - radius) ** 2 <= radius * radius) set(x, y, 0, 0, 0, 115);
    }
  }
  // The logo: a play triangle.
  for (let y = 0; y < logo; y++) {
    const half = Math.abs(y + 0.5 - logo / 2);
    const reach = Math.round(logo * (1 - half / (logo / 2)));
    for (let x = 0; x < reach; x++) set(pad + x, pad + y, 255, 255, 255, 235);
  }
  // The letters.
  let left = pad + logo + unit * 4;
  for (const letter of MARK_TEXT) {
    const rows = GLYPHS[letter]!;
    rows.forEach((row, gy) => {
      [...row].forEach((bit, gx) => {
        if (bit !== "1") return;
        for (let dy = 0; dy < unit; dy++) for (let dx = 0; dx < unit; dx++) set(left + gx * unit + dx, pad + gy * unit + dy, 255, 255, 255, 235);
      });
    });
    left += 6 * unit;
  }
  return { width, height, rgba };
}
