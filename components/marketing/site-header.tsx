import { Logo } from "@/components/ui/logo";
import { ButtonLink } from "@/components/ui/button";

export function SiteHeader({ signedIn }: { signedIn: boolean }) {
  return (
    <header className="sticky top-0 z-30 border-b border-zinc-800/60 bg-zinc-950/80 backdrop-blur">
      <div className="mx-auto flex h-16 max-w-6xl items-center justify-between gap-4 px-4 sm:px-6">
        <Logo />
        <nav aria-label="Site" className="flex items-center gap-2">
          {/* On a phone the header has no room for it; the landing page links pricing under its hero. */}
          <span className="hidden sm:contents">
            <ButtonLink href="/pricing" variant="ghost">
              Pricing
            </ButtonLink>
          </span>
          {signedIn ? (
            <ButtonLink href="/studio">Open studio</ButtonLink>
          ) : (
            <>
              <ButtonLink href="/signin" variant="ghost">
                Sign in
              </ButtonLink>
              <ButtonLink href="/signup">Get started</ButtonLink>
            </>
          )}
        </nav>
      </div>
    </header>
  );
}
