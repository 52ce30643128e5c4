/** An RGBA picture in memory, handed to ffmpeg as a PAM file. */
export type Plate = { width: number; height: number; rgba: Uint8Array };

/** A PAM (netpbm RGBA) file: the simplest lossless picture ffmpeg reads with alpha. */
export function pam(plate: Plate): Buffer {
  return netpbm(plate.width, plate.height, 4, "RGB_ALPHA", plate.rgba);
}

/** A one-channel PAM (a matte or any grey picture). */
export function grayPam(width: number, height: number, gray: Uint8Array): Buffer {
  return netpbm(width, height, 1, "GRAYSCALE", gray);
}

function netpbm(width: number, height: number, depth: number, tupleType: string, data: Uint8Array): Buffer {
  const header = `P7\nWIDTH ${width}\nHEIGHT ${height}\nDEPTH ${depth}\nMAXVAL 255\nTUPLTYPE ${tupleType}\nENDHDR\n`;
  return Buffer.concat([Buffer.from(header, "ascii"), data]);
}
