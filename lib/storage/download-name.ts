import { extensionFor } from "./keys";

const MAX_STEM = 100;

/**
 * The file name a download is saved under: the requested name made safe for every OS
 * (no folders, reserved, control or bidi-override characters), always ending in the asset's real extension.
 */
export function downloadFileName(requested: string | null, assetId: string, mime: string): string {
  const ext = extensionFor(mime);
  const base = (requested ?? "").split(/[/\\]/).pop() ?? "";
  const stem = base
    .replace(/[\p{Cc}\p{Cf}"*:<>?|]/gu, "")
    .replace(new RegExp(`\\.${ext}$`, "i"), "")
    .replace(/^[\s.]+|[\s.]+$/g, "")
    .slice(0, MAX_STEM);
  return `${stem || `reelsmith-${assetId}`}.${ext}`;
}

/** RFC 6266 attachment header: an ASCII fallback name and the exact UTF-8 one (RFC 8187). */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\%]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
