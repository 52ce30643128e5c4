"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast-store";
import type { Purchase } from "@/lib/billing/purchase";
import { sendJson } from "@/components/ui/api-fetch";
import { useHydrated } from "./use-hydrated";

/** Starts a checkout and opens its page (Stripe Checkout, or the in-app test checkout). */
export function BuyButton({ purchase, children, variant = "primary" }: { purchase: Purchase; children: React.ReactNode; variant?: "primary" | "secondary" }) {
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();
  const buy = async () => {
    setBusy(true);
    try {
      const { url } = await sendJson<{ url: string }>("POST", "/api/billing/checkout", purchase);
      window.location.assign(url);
    } catch (error) {
      toast((error as Error).message, "error");
      setBusy(false);
    }
  };
  return (
    <Button type="button" variant={variant} className="w-full" disabled={busy || !hydrated} onClick={buy}>
      {busy ? "Opening checkout…" : children}
    </Button>
  );
}
