"use client";

import { useEffect, useState } from "react";
import { apiFetch } from "@/components/ui/api-fetch";
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
      const result = await apiFetch<Quote>("POST", "/api/credits/price", { body: JSON.parse(body), signal: controller.signal, fallback: "Could not reach Reelsmith to price this." });
      if (controller.signal.aborted) return;
      setState(result.ok ? { quote: result.data, error: null, loading: false } : { quote: null, error: result.message, loading: false });
    }, 200);
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [body, refreshKey]);

  return state;
}
