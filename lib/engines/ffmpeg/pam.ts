/** An RGBA picture in memory, handed to ffmpeg as a PAM file. */
export type Plate = { width: number; height: number; rgba: Uint8Array };

/** A PAM (netpbm RGBA) file: the simplest lossless picture ffmpeg reads with alpha. */
export function pam(plate: Plate): Buffer {
  const header = `P7\nWIDTH ${plate.width}\nHEIGHT ${plate.height}\nDEPTH 4\nMAXVAL 255\nTUPLTYPE RGB_ALPHA\nENDHDR\n`;
  return Buffer.concat([Buffer.from(header, "ascii"), plate.rgba]);
}
