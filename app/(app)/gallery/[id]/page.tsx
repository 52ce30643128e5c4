import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { GenerationActions } from "@/components/gallery/detail/generation-actions";
import { GenerationSettings } from "@/components/gallery/detail/generation-settings";
import { StoryboardShots } from "@/components/gallery/detail/storyboard-shots";
import { UsedElements } from "@/components/elements/used-elements";
import { VideoPlayer } from "@/components/generations/video-player";
import { requireUser } from "@/lib/auth/session";
import { pricingConfig } from "@/lib/credits/config";
import { extensionQuote } from "@/lib/generations/extend";
import { presentFrames, presentGeneration, type FrameView } from "@/lib/generations/present";
import { findGenerationWithFrames } from "@/lib/generations/queries";
import { pathSegmentSchema } from "@/lib/validation/text";

export const metadata: Metadata = { title: "Video" };

export default async function GenerationPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const id = pathSegmentSchema.safeParse((await params).id);
  const found = id.success ? await findGenerationWithFrames(user.id, id.data) : null;
  if (!found) notFound();
  const g = presentGeneration(found);
  const frames = presentFrames(found);
  const ratio = g.video?.width && g.video.height ? `${g.video.width} / ${g.video.height}` : "16 / 9";
  return (
    <div className="flex flex-col gap-6">
      <nav aria-label="Breadcrumb">
        <Link href="/gallery" className="text-sm text-zinc-400 hover:text-white">
          ← Gallery
        </Link>
      </nav>
      <h1 className="line-clamp-2 text-xl font-semibold tracking-tight sm:text-2xl">{g.prompt || "Image to video"}</h1>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1.6fr)_minmax(0,1fr)]">
        <div className="flex flex-col gap-4">
          <div className="overflow-hidden rounded-2xl border border-zinc-800 bg-black">
            {g.video ? (
              <VideoPlayer video={g.video} label="Video player" id="detail-player" style={{ aspectRatio: ratio }} className="mx-auto max-h-[70vh] w-full object-contain" />
            ) : (
              <div className="grid aspect-video place-items-center p-6 text-center text-sm text-zinc-400">
                {g.status === "queued" || g.status === "running" ? "Still rendering: follow it in the Studio." : "This generation has no video."}
              </div>
            )}
          </div>
          {g.storyboard && <StoryboardShots storyboard={g.storyboard} playerId="detail-player" />}
          <GenerationActions generation={g} extension={extensionQuote(found)} />
          <UsedElements userId={user.id} generationId={g.id} />
          {(frames.start || frames.end) && (
            <section aria-label="Frames" className="grid grid-cols-2 gap-4">
              <FrameThumb label="Start frame" frame={frames.start} />
              <FrameThumb label="End frame" frame={frames.end} />
            </section>
          )}
        </div>
        <GenerationSettings generation={g} timeZone={pricingConfig().timeZone} />
      </div>
    </div>
  );
}

function FrameThumb({ label, frame }: { label: string; frame: FrameView | null }) {
  return (
    <figure className="flex flex-col gap-1.5">
      <figcaption className="text-sm font-medium text-zinc-300">{label}</figcaption>
      <div className="grid aspect-video place-items-center overflow-hidden rounded-xl border border-zinc-800 bg-zinc-900">
        {frame ? (
          // eslint-disable-next-line @next/next/no-img-element -- an authorised media URL, not a static asset
          <img src={frame.url} alt={label} className="size-full object-contain" />
        ) : (
          <span className="text-xs text-zinc-500">None</span>
        )}
      </div>
    </figure>
  );
}
