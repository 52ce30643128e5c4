export type ByteRange = { start: number; end: number };

/**
 * The single byte range a Range header asks for out of `size` bytes, end inclusive and clamped
 * to the file. Null means serve the whole file: no header, or one this server may ignore under
 * RFC 9110 (malformed, several ranges, other units). "unsatisfiable" means answer 416.
 */
export function parseRange(header: string | null, size: number): ByteRange | "unsatisfiable" | null {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match) return null;
  const [, first = "", last = ""] = match;
  if (first === "") {
    if (last === "") return null;
    // Suffix range: the last N bytes.
    const length = Number(last);
    return length === 0 || size === 0 ? "unsatisfiable" : { start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(first);
  if (last !== "" && Number(last) < start) return null;
  if (start >= size) return "unsatisfiable";
  return { start, end: last === "" ? size - 1 : Math.min(Number(last), size - 1) };
}
