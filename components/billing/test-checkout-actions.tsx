"use client";

import { useState } from "react";
import { Button, ButtonLink } from "@/components/ui/button";
import { toast } from "@/components/ui/toast-store";
import { sendJson } from "@/components/ui/api-fetch";
import { useHydrated } from "./use-hydrated";

/** Complete or cancel a test checkout, as the buttons of Stripe Checkout would. */
export function TestCheckoutActions({ token }: { token: string }) {
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();
  const complete = async () => {
    setBusy(true);
    try {
      const { url } = await sendJson<{ url: string }>("POST", "/api/billing/test-checkout/complete", { token });
      // A full load, so the header's plan and balance are read again.
      window.location.assign(url);
    } catch (error) {
      toast((error as Error).message, "error");
      setBusy(false);
    }
  };
  return (
    <div className="flex flex-wrap gap-3">
      <Button type="button" size="lg" disabled={busy || !hydrated} onClick={complete}>
        {busy ? "Completing…" : "Complete purchase"}
      </Button>
      <ButtonLink href="/pricing" variant="secondary" size="lg" aria-disabled={busy}>
        Cancel
      </ButtonLink>
    </div>
  );
}
