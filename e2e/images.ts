import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";

const ffmpeg = (createRequire(import.meta.url)("@ffmpeg-installer/ffmpeg") as { path: string }).path;

/** A real test image made by ffmpeg (a colourful test card), as a file for upload inputs. */
export function testImage(width: number, height: number, ext: "png" | "jpg" = "png"): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "e2e-img-")), `frame-${width}x${height}.${ext}`);
  execFileSync(ffmpeg, ["-v", "error", "-f", "lavfi", "-i", `testsrc2=size=${width}x${height}`, "-frames:v", "1", file]);
  return file;
}
