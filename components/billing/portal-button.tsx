"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast-store";
import { sendJson } from "@/components/ui/api-fetch";
import { useHydrated } from "./use-hydrated";

/** Opens Stripe's Billing Portal: payment method, invoices, plan change and cancellation. */
export function PortalButton({ label = "Manage billing", className }: { label?: string; className?: string }) {
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();
  const open = async () => {
    setBusy(true);
    try {
      const { url } = await sendJson<{ url: string }>("POST", "/api/billing/portal");
      window.location.assign(url);
    } catch (error) {
      toast((error as Error).message, "error");
      setBusy(false);
    }
  };
  return (
    <Button type="button" variant="secondary" size="sm" className={className} disabled={busy || !hydrated} onClick={open}>
      {busy ? "Opening…" : label}
    </Button>
  );
}
