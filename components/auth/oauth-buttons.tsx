"use client";

import { signIn } from "next-auth/react";
import { Button } from "@/components/ui/button";

export function OAuthButtons({ providers, callbackUrl }: { providers: { id: string; name: string }[]; callbackUrl: string }) {
  if (providers.length === 0) return null;
  return (
    <div className="flex flex-col gap-3">
      {providers.map((p) => (
        <Button key={p.id} type="button" variant="secondary" size="lg" onClick={() => signIn(p.id, { callbackUrl })}>
          Continue with {p.name}
        </Button>
      ))}
      <div className="flex items-center gap-3 text-xs text-zinc-500" role="separator">
        <span className="h-px flex-1 bg-zinc-800" /> or with email <span className="h-px flex-1 bg-zinc-800" />
      </div>
    </div>
  );
}
