import { buttonClass } from "@/components/ui/button-class";

export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center gap-4 px-4 text-center">
      <p className="text-sm font-medium text-accent-400">404</p>
      <h1 className="text-3xl font-semibold tracking-tight">This page is not on the reel</h1>
      <p className="text-zinc-400">The link may be old, or the page moved.</p>
      {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- next/link here would put its client code into every page's first load (the 404 boundary ships with each); a full load of / is fine from a 404. */}
      <a href="/" className={buttonClass()}>
        Back to Reelsmith
      </a>
    </main>
  );
}
