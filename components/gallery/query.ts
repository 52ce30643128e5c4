import type { GenerationView } from "@/lib/generations/present";
import { FORBIDDEN_CHARACTERS } from "@/lib/validation/limits";

/** The gallery's filters, as its URL holds them (`?kind=…&status=…&favorites=1&q=…`) so a reload keeps them. */
export type GalleryQuery = {
  kind: "" | "text_to_video" | "image_to_video" | "extend";
  status: "" | "done" | "active" | "failed";
  favorites: boolean;
  q: string;
};

export const KIND_OPTIONS = [
  { value: "", label: "All kinds" },
  { value: "text_to_video", label: "Text to video" },
  { value: "image_to_video", label: "Image to video" },
  { value: "extend", label: "Extensions" },
] as const;

export const STATUS_OPTIONS = [
  { value: "", label: "Any status" },
  { value: "done", label: "Done" },
  { value: "active", label: "In progress" },
  { value: "failed", label: "Failed or cancelled" },
] as const;

const STATUS_GROUPS: Record<Exclude<GalleryQuery["status"], "">, GenerationView["status"][]> = {
  done: ["succeeded"],
  active: ["queued", "running"],
  failed: ["failed", "canceled"],
};

type Params = { get(name: string): string | null };

const oneOf = <T extends string>(options: readonly { value: T }[], value: string | null): T =>
  options.find((o) => o.value === value)?.value ?? options[0]!.value;

export function parseGalleryQuery(params: Params): GalleryQuery {
  return {
    kind: oneOf(KIND_OPTIONS, params.get("kind")),
    status: oneOf(STATUS_OPTIONS, params.get("status")),
    favorites: params.get("favorites") === "1",
    // A search box cannot type control characters: a URL that carries them searches without them.
    q: (params.get("q") ?? "").replace(new RegExp(FORBIDDEN_CHARACTERS, "gu"), "").trim().slice(0, 200),
  };
}

/** The page's own URL for these filters (empty ones left out). */
export function galleryHref(query: GalleryQuery): string {
  const params = new URLSearchParams();
  if (query.kind) params.set("kind", query.kind);
  if (query.status) params.set("status", query.status);
  if (query.favorites) params.set("favorites", "1");
  if (query.q) params.set("q", query.q);
  const search = params.toString();
  return search ? `/gallery?${search}` : "/gallery";
}

export function isFiltered(query: GalleryQuery): boolean {
  return galleryHref(query) !== "/gallery";
}

/** The same filters as `listGenerations` and `GET /api/generations` take them. */
export function listFilter(query: GalleryQuery) {
  return {
    ...(query.kind ? { kind: [query.kind] } : {}),
    ...(query.status ? { status: STATUS_GROUPS[query.status] } : {}),
    ...(query.favorites ? { favorite: true } : {}),
    ...(query.q ? { q: query.q } : {}),
  };
}

/** Whether a generation belongs in the listing for these filters (the server's listFilter, on one item). */
export function matchesQuery(query: GalleryQuery, g: GenerationView): boolean {
  const f = listFilter(query);
  return (
    (!query.kind || query.kind === g.kind) &&
    (!f.status || f.status.includes(g.status)) &&
    (!f.favorite || g.favorite) &&
    (!f.q || g.prompt.toLowerCase().includes(f.q.toLowerCase()))
  );
}

/** `GET /api/generations` for the page after `before`. */
export function apiUrl(query: GalleryQuery, before: string, limit: number): string {
  const f = listFilter(query);
  const params = new URLSearchParams({ before, limit: String(limit) });
  if (f.kind) params.set("kind", f.kind.join(","));
  if (f.status) params.set("status", f.status.join(","));
  if (f.favorite) params.set("favorite", "1");
  if (f.q) params.set("q", f.q);
  return `/api/generations?${params}`;
}

export const PAGE_SIZE = 24;
