/** A drawn (not screenshotted) preview of the studio for the landing page. */
export function StudioPreview() {
  return (
    <div aria-hidden className="relative rounded-2xl border border-zinc-800 bg-zinc-900/70 p-3 shadow-2xl shadow-accent-500/10 sm:p-4">
      <div className="grid gap-3 sm:grid-cols-[1fr_1.4fr]">
        <div className="flex flex-col gap-3 rounded-xl border border-zinc-800 bg-zinc-950/60 p-4">
          <div className="flex gap-1 rounded-lg bg-zinc-900 p-1 text-xs">
            <span className="flex-1 rounded-md bg-zinc-800 py-1.5 text-center text-white">Text to Video</span>
            <span className="flex-1 py-1.5 text-center text-zinc-500">Image to Video</span>
          </div>
          <div className="rounded-lg border border-zinc-800 bg-zinc-900 p-3 text-xs leading-relaxed text-zinc-300">
            A lighthouse on a basalt cliff at dusk, waves crashing below, slow push-in, warm rim light
          </div>
          <div className="space-y-1.5 text-[11px] text-zinc-400">
            <div className="flex justify-between"><span>Creativity</span><span>Relevance</span></div>
            <div className="h-1.5 rounded-full bg-zinc-800"><div className="h-1.5 w-3/5 rounded-full bg-accent-500" /></div>
          </div>
          <div className="grid grid-cols-3 gap-1.5 text-center text-[11px]">
            <span className="rounded-md border border-accent-500/60 bg-accent-500/10 py-1.5 text-accent-400">Zoom +6</span>
            <span className="rounded-md border border-zinc-800 py-1.5 text-zinc-400">10 s</span>
            <span className="rounded-md border border-zinc-800 py-1.5 text-zinc-400">16:9</span>
          </div>
          <div className="mt-auto rounded-lg bg-accent-500 py-2 text-center text-xs font-medium text-white">Generate · 20 credits</div>
        </div>
        <div className="relative aspect-video overflow-hidden rounded-xl border border-zinc-800">
          <div className="animate-drift absolute inset-0 bg-[radial-gradient(circle_at_30%_35%,oklch(0.85_0.12_70)_0,transparent_18%),linear-gradient(180deg,oklch(0.45_0.12_300)_0%,oklch(0.55_0.17_20)_55%,oklch(0.25_0.05_250)_56%,oklch(0.18_0.04_250)_100%)]" />
          <div className="absolute inset-x-0 bottom-0 flex items-center gap-2 bg-gradient-to-t from-black/70 to-transparent p-3 text-[11px] text-zinc-200">
            <span className="rounded bg-black/50 px-1.5 py-0.5">Professional · 1080p</span>
            <span className="ml-auto rounded bg-emerald-500/20 px-1.5 py-0.5 text-emerald-300">Done</span>
          </div>
        </div>
      </div>
    </div>
  );
}
