"use client";

import { useEffect, useState } from "react";
import type { Quote } from "@/lib/credits/quote";
import type { GenerationRequestInput } from "@/lib/validation/generation";

export type PriceState = { quote: Quote | null; error: string | null; loading: boolean };

/** The server's price for the current settings, refreshed (debounced) as they change. */
export function usePrice(request: GenerationRequestInput | null, refreshKey: number): PriceState {
  const [state, setState] = useState<PriceState>({ quote: null, error: null, loading: true });
  const body = request ? JSON.stringify({ ...request, prompt: request.prompt || "price" }) : null;

  useEffect(() => {
    if (!body) return;
    const controller = new AbortController();
    const timer = window.setTimeout(async () => {
      setState((s) => ({ ...s, loading: true }));
      try {
        const response = await fetch("/api/credits/price", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body,
          signal: controller.signal,
        });
        const json = await response.json();
        if (response.ok) setState({ quote: json as Quote, error: null, loading: false });
        else setState({ quote: null, error: (json as { error: { message: string } }).error.message, loading: false });
      } catch {
        if (!controller.signal.aborted) setState({ quote: null, error: "Could not reach Reelsmith to price this.", loading: false });
      }
    }, 200);
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [body, refreshKey]);

  return state;
}
