import { ButtonLink } from "@/components/ui/button";

export default function VideoNotFound() {
  return (
    <div className="mx-auto flex max-w-md flex-col items-center gap-4 py-16 text-center">
      <p className="text-sm font-medium text-accent-400">404</p>
      <h1 className="text-2xl font-semibold tracking-tight">This video is not in your gallery</h1>
      <p className="text-zinc-400">It may have been deleted, or the link belongs to someone else&apos;s account.</p>
      <ButtonLink href="/gallery">Back to the gallery</ButtonLink>
    </div>
  );
}
