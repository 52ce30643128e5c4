import type { CSSProperties } from "react";
import type { GenerationView } from "@/lib/generations/present";

type Props = { video: NonNullable<GenerationView["video"]>; label: string; id?: string; className?: string; style?: CSSProperties };

/** A generated clip with its poster; only metadata loads until play, and seeking uses the media route's ranges. */
export function VideoPlayer({ video, label, id, className, style }: Props) {
  return <video id={id} controls playsInline preload="metadata" poster={video.posterUrl ?? undefined} src={video.url} aria-label={label} style={style} className={className} />;
}
