import Link from "next/link";
import { formatDateTime } from "@/components/credits/format";
import { kindLabel, resolutionLabel } from "@/components/generations/describe";
import { StatusBadge } from "@/components/generations/status-badge";
import { describeCamera } from "@/components/studio/camera-moves";
import type { GenerationView } from "@/lib/generations/present";

function balance(cfg: number): string {
  return cfg < 0.34 ? "more creative" : cfg > 0.66 ? "closer to the prompt" : "balanced";
}

/** Every setting the video was made with, and what happened to it. */
export function GenerationSettings({ generation: g, timeZone }: { generation: GenerationView; timeZone: string }) {
  const when = (iso: string | null) => (iso ? <time dateTime={iso}>{formatDateTime(new Date(iso), timeZone)}</time> : "—");
  const rows: [string, React.ReactNode][] = [
    ["Status", <StatusBadge key="status" status={g.status} />],
    ...(g.error ? [["What happened", g.error.message] as [string, React.ReactNode]] : []),
    ["Kind", kindLabel(g.kind)],
    ...(g.parentId
      ? [
          [
            "Extends",
            <Link key="parent" href={`/gallery/${g.parentId}`} className="text-accent-400 hover:underline">
              the original video
            </Link>,
          ] as [string, React.ReactNode],
        ]
      : []),
    ["Mode", `${g.mode === "professional" ? "Professional" : "Standard"} · ${resolutionLabel(g.mode)}${g.video?.width ? ` (${g.video.width}×${g.video.height})` : ""}`],
    ["Length", g.storyboard ? `${g.duration} s in ${g.storyboard.shots.length} shots (storyboard, ${g.storyboard.type})` : `${g.duration} s`],
    ["Aspect ratio", g.aspectRatio === "auto" ? "From the start frame" : g.aspectRatio],
    ["Creativity ↔ relevance", `${g.cfgScale.toFixed(2)} (${balance(g.cfgScale)})`],
    ["Camera", g.storyboard ? "Per shot" : describeCamera(g.cameraControl)],
    ["Audio", g.audio ? "On" : "Off"],
    ["Seed", g.seed ?? "Random"],
    ["Cost", `${g.cost} credits${g.refunded ? " (refunded)" : ""}`],
    ["Created", when(g.createdAt)],
    ["Started", when(g.startedAt)],
    ["Finished", when(g.finishedAt)],
  ];
  return (
    <section aria-labelledby="settings-heading" className="flex flex-col gap-4 rounded-2xl border border-zinc-800 bg-zinc-900/40 p-4 sm:p-6">
      <h2 id="settings-heading" className="text-lg font-semibold">
        Settings
      </h2>
      <div className="flex flex-col gap-3">
        <PromptText title="Prompt" text={g.prompt} empty="No prompt" />
        <PromptText title="Negative prompt" text={g.negativePrompt} empty="None" />
      </div>
      <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-2 text-sm">
        {rows.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="text-zinc-500">{term}</dt>
            <dd className="text-zinc-100">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function PromptText({ title, text, empty }: { title: string; text: string; empty: string }) {
  return (
    <div>
      <h3 className="text-xs font-medium tracking-wide text-zinc-500 uppercase">{title}</h3>
      <p className="mt-1 text-sm whitespace-pre-wrap text-zinc-100">{text || <span className="text-zinc-500">{empty}</span>}</p>
    </div>
  );
}
