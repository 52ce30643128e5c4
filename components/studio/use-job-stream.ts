"use client";

import { useEffect, useState } from "react";
import { apiFetch } from "@/components/ui/api-fetch";
import type { GenerationView } from "@/lib/generations/present";
import { withQueuePlaces } from "@/lib/generations/queue-place";
import { useJobsStore } from "./jobs-store";

export type StreamState = "connecting" | "live" | "polling";

const POLL_MS = 3000;

/**
 * Fills the job feed: recent jobs once, then live changes from the server-sent event stream,
 * falling back to polling the JSON endpoint while the stream is down.
 */
export function useJobStream(): StreamState {
  const upsert = useJobsStore((s) => s.upsert);
  const [state, setState] = useState<StreamState>("connecting");

  useEffect(() => {
    let closed = false;
    let poll: number | undefined;
    const load = async (query: string) => {
      const result = await apiFetch<{ generations: GenerationView[] }>("GET", `/api/generations?${query}`);
      if (result.ok && !closed) upsert(result.data.generations);
    };
    void load("limit=12");
    const source = new EventSource("/api/generations/events");
    source.addEventListener("generation", (event) => upsert([JSON.parse((event as MessageEvent<string>).data) as GenerationView]));
    source.addEventListener("queue", (event) => upsert(withQueuePlaces(Object.values(useJobsStore.getState().jobs), JSON.parse((event as MessageEvent<string>).data))));
    source.onopen = () => {
      window.clearInterval(poll);
      poll = undefined;
      setState("live");
    };
    const fallBack = () => {
      setState("polling");
      poll ??= window.setInterval(() => void load("status=active"), POLL_MS);
    };
    source.onerror = fallBack;
    // Too many of the account's tabs are live: the server closed this one's stream; reconnecting would close another.
    source.addEventListener("superseded", () => {
      source.close();
      fallBack();
    });
    return () => {
      closed = true;
      source.close();
      window.clearInterval(poll);
    };
  }, [upsert]);

  return state;
}
