// First-load JS of /studio and /gallery in the production build, gzipped.
// Run: npm run bench:frontend          (runs `next build` first)
//      npm run bench:frontend -- --no-build   (reads the existing .next)
//
// Method: Next 16 with Turbopack prints no sizes, so this reads the build's manifests. A route's
// first load is Next's shared boot chunks (build-manifest.json `rootMainFiles`) plus every entry
// chunk of the segments in its tree (the route's page_client-reference-manifest.js `entryJSFiles`:
// root layout, app layout, page, and the not-found / error boundaries the HTML also references).
// These are the <script src> chunks the server renders into the page's HTML. Polyfills are left
// out: they are `nomodule`, so current browsers never download them. Chunks loaded later (after a
// click, dynamic imports) do not count. Each chunk is gzipped with zlib at level 9 and counted once.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

// The budget every change keeps (the developers' guide).
const GOAL_KB = 150;
const ROUTES = [
  { route: "/studio", segment: "(app)/studio" },
  { route: "/gallery", segment: "(app)/gallery" },
];

const root = path.resolve(import.meta.dirname, "..");
const dist = path.join(root, ".next");

if (!process.argv.includes("--no-build")) {
  execFileSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], { cwd: root, stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
}

function routeChunks(segment: string): string[] {
  const manifestFile = path.join(dist, "server/app", segment, "page_client-reference-manifest.js");
  if (!existsSync(manifestFile)) throw new Error(`${manifestFile} is missing: run without --no-build, or \`next build\` first.`);
  // The file assigns the manifest to a global; evaluate it in a sandboxed object.
  const scope: { __RSC_MANIFEST?: Record<string, { entryJSFiles?: Record<string, string[]> }> } = {};
  new Function("globalThis", readFileSync(manifestFile, "utf8"))(scope);
  const manifest = scope.__RSC_MANIFEST?.[`/${segment}/page`];
  if (!manifest?.entryJSFiles) throw new Error(`No entryJSFiles for /${segment}/page in ${manifestFile}.`);
  const build = JSON.parse(readFileSync(path.join(dist, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] };
  return [...new Set([...build.rootMainFiles, ...Object.values(manifest.entryJSFiles).flat()])].filter((file) => file.endsWith(".js"));
}

const gzipped = new Map<string, number>();
function gzipSize(file: string): number {
  let size = gzipped.get(file);
  if (size === undefined) {
    size = gzipSync(readFileSync(path.join(dist, file)), { level: 9 }).length;
    gzipped.set(file, size);
  }
  return size;
}

const kb = (bytes: number) => Math.round((bytes / 1000) * 10) / 10;

const totals = ROUTES.map(({ route, segment }) => {
  const chunks = routeChunks(segment);
  const bytes = chunks.reduce((sum, file) => sum + gzipSize(file), 0);
  const raw = chunks.reduce((sum, file) => sum + readFileSync(path.join(dist, file)).length, 0);
  console.log(`${route}: ${kb(bytes)} kB gzipped (${kb(raw)} kB raw) in ${chunks.length} chunks`);
  return bytes;
});

console.log(`frontend: ${kb(Math.max(...totals))} kB gzipped (goal ≤ ${GOAL_KB})`);
