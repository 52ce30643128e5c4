"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast-store";
import { sendJson } from "@/components/ui/api-fetch";
import { useHydrated } from "./use-hydrated";

/** Cancels the plan at the end of the paid period, after a confirmation. */
export function CancelPlanButton({ endsOn }: { endsOn: string }) {
  const router = useRouter();
  const [state, setState] = useState<"idle" | "confirm" | "busy">("idle");
  const hydrated = useHydrated();
  const cancel = async () => {
    setState("busy");
    try {
      await sendJson("POST", "/api/billing/subscription/cancel");
      toast(`Your plan is cancelled. It stays active until ${endsOn}.`);
      router.refresh();
    } catch (error) {
      toast((error as Error).message, "error");
    }
    setState("idle");
  };
  if (state === "idle") {
    return (
      <Button type="button" variant="ghost" size="sm" disabled={!hydrated} onClick={() => setState("confirm")}>
        Cancel plan
      </Button>
    );
  }
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <span className="text-zinc-300">Cancel? The plan stays active until {endsOn}; your credits are kept.</span>
      <Button type="button" variant="secondary" size="sm" disabled={state === "busy"} onClick={cancel}>
        Yes, cancel
      </Button>
      <Button type="button" variant="ghost" size="sm" disabled={state === "busy"} onClick={() => setState("idle")}>
        Keep plan
      </Button>
    </div>
  );
}
