"use client";

import { create } from "zustand";
import type { GenerationView } from "@/lib/generations/present";

type JobsState = {
  jobs: Record<string, GenerationView>;
  upsert(views: GenerationView[]): void;
};

/** The studio's job feed, kept current by the event stream. */
export const useJobsStore = create<JobsState>()((set) => ({
  jobs: {},
  upsert: (views) =>
    set((s) => {
      const jobs = { ...s.jobs };
      for (const v of views) jobs[v.id] = v;
      return { jobs };
    }),
}));

export function newestFirst(jobs: Record<string, GenerationView>): GenerationView[] {
  return Object.values(jobs).sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
}
