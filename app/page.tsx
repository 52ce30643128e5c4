import Link from "next/link";
import { ButtonLink } from "@/components/ui/button";
import { SiteHeader } from "@/components/marketing/site-header";
import { StudioPreview } from "@/components/marketing/studio-preview";
import { getCurrentUser } from "@/lib/auth/session";

const FEATURES = [
  { title: "Text to video", body: "Describe subject, motion and scene; add a negative prompt for what to keep out." },
  { title: "Image to video", body: "Drop a start frame, and an end frame if you want one; the shot moves between them." },
  { title: "Camera control", body: "Six axes — horizontal, vertical, zoom, pan, tilt, roll — or four master shots." },
  { title: "Creativity ↔ relevance", body: "One slider decides how freely the model interprets your prompt." },
  { title: "Credits you can see", body: "Every setting shows its credit cost before you press Generate. Failed jobs refund." },
  { title: "Yours to host", body: "One command on a laptop; Postgres, object storage and many workers in production; an HTTP API for pipelines." },
];

const STEPS = [
  { n: "1", title: "Write or drop", body: "A prompt, or a start frame for image to video." },
  { n: "2", title: "Direct the shot", body: "Camera move, length, mode, aspect ratio." },
  { n: "3", title: "Watch it render", body: "Live progress, then play, download or extend." },
];

export default async function LandingPage() {
  const user = await getCurrentUser();
  return (
    <>
      <SiteHeader signedIn={Boolean(user)} />
      <main>
        <section className="relative overflow-hidden">
          <div aria-hidden className="pointer-events-none absolute inset-x-0 -top-40 mx-auto h-96 max-w-4xl rounded-full bg-accent-500/20 blur-3xl" />
          <div className="relative mx-auto grid max-w-6xl items-center gap-12 px-4 py-16 sm:px-6 sm:py-24 lg:grid-cols-[1fr_1.1fr]">
            <div className="flex flex-col items-start gap-6">
              <span className="rounded-full border border-zinc-800 bg-zinc-900/70 px-3 py-1 text-xs text-zinc-400">
                Open source · self-hostable · model provider as a plug-in
              </span>
              <h1 className="text-4xl font-semibold tracking-tight text-balance sm:text-5xl lg:text-6xl">
                Direct <span className="text-gradient">AI video</span> from a prompt or a single frame.
              </h1>
              <p className="max-w-xl text-lg text-pretty text-zinc-400">
                Reelsmith is a studio for text-to-video and image-to-video with real camera control, credits, a job feed
                and a gallery. Run it on your laptop with one command, or scale it out on your own infrastructure.
              </p>
              <div className="flex flex-wrap gap-3">
                <ButtonLink href={user ? "/studio" : "/signup"} size="lg">
                  {user ? "Open the studio" : "Start creating — free"}
                </ButtonLink>
                {!user && (
                  <ButtonLink href="/signin" size="lg" variant="secondary">
                    Sign in
                  </ButtonLink>
                )}
              </div>
              <p className="text-sm text-zinc-500">
                66 free credits every day you sign in. No card needed.{" "}
                <Link href="/pricing" className="text-zinc-300 underline-offset-4 hover:underline">
                  See plans and pricing
                </Link>
              </p>
            </div>
            <StudioPreview />
          </div>
        </section>

        <section aria-labelledby="features" className="mx-auto max-w-6xl px-4 py-16 sm:px-6">
          <h2 id="features" className="text-2xl font-semibold tracking-tight sm:text-3xl">
            The creative space, without the lock-in
          </h2>
          <ul className="mt-8 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {FEATURES.map((f) => (
              <li key={f.title} className="rounded-xl border border-zinc-800 bg-zinc-900/50 p-5">
                <h3 className="font-medium text-white">{f.title}</h3>
                <p className="mt-2 text-sm leading-relaxed text-zinc-400">{f.body}</p>
              </li>
            ))}
          </ul>
        </section>

        <section aria-labelledby="how" className="mx-auto max-w-6xl px-4 py-16 sm:px-6">
          <h2 id="how" className="text-2xl font-semibold tracking-tight sm:text-3xl">
            How it works
          </h2>
          <ol className="mt-8 grid gap-4 sm:grid-cols-3">
            {STEPS.map((s) => (
              <li key={s.n} className="flex gap-4 rounded-xl border border-zinc-800 p-5">
                <span className="grid size-9 shrink-0 place-items-center rounded-full bg-accent-500/15 font-semibold text-accent-400">{s.n}</span>
                <div>
                  <h3 className="font-medium text-white">{s.title}</h3>
                  <p className="mt-1 text-sm text-zinc-400">{s.body}</p>
                </div>
              </li>
            ))}
          </ol>
          <div className="mt-12 flex flex-col items-start gap-4 rounded-2xl border border-accent-500/30 bg-gradient-to-r from-accent-500/15 to-fuchsia-500/10 p-6 sm:flex-row sm:items-center sm:justify-between sm:p-8">
            <div>
              <p className="text-xl font-semibold">Your first clip is a minute away.</p>
              <p className="mt-1 text-zinc-400">Create an account and use today’s free credits.</p>
            </div>
            <ButtonLink href={user ? "/studio" : "/signup"} size="lg">
              {user ? "Open the studio" : "Create your account"}
            </ButtonLink>
          </div>
        </section>
      </main>
      <footer className="border-t border-zinc-800/60">
        <div className="mx-auto flex max-w-6xl flex-col gap-2 px-4 py-8 text-sm text-zinc-500 sm:flex-row sm:justify-between sm:px-6">
          <p>Reelsmith — open-source AI video studio.</p>
          <p>Self-host it: npm install && npm run dev</p>
        </div>
      </footer>
    </>
  );
}
