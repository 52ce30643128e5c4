"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { sendJson } from "@/components/ui/api-fetch";

/** Asks for a new verification link and says what happened next to the button. */
export function ResendVerificationButton({ size = "sm" }: { size?: "sm" | "md" }) {
  const [state, setState] = useState<{ pending: boolean; message?: string; failed?: boolean }>({ pending: false });

  async function resend() {
    setState({ pending: true });
    try {
      const { message } = await sendJson<{ message: string }>("POST", "/api/email-verification");
      setState({ pending: false, message });
    } catch (error) {
      setState({ pending: false, message: (error as Error).message, failed: true });
    }
  }

  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button type="button" variant="secondary" size={size} onClick={resend} disabled={state.pending}>
        {state.pending ? "Sending…" : "Resend verification email"}
      </Button>
      {state.message && (
        <p role={state.failed ? "alert" : "status"} className={state.failed ? "text-sm text-red-300" : "text-sm text-zinc-300"}>
          {state.message}
        </p>
      )}
    </div>
  );
}
