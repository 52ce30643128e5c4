"use client";

import { newestFirst, useJobsStore } from "./jobs-store";
import { JobCard } from "./job-card";
import { useJobStream } from "./use-job-stream";

export function JobFeed() {
  const stream = useJobStream();
  const jobs = useJobsStore((s) => s.jobs);
  const list = newestFirst(jobs);
  return (
    <section aria-labelledby="feed-heading" className="flex flex-col gap-3">
      <div className="flex items-baseline justify-between">
        <h2 id="feed-heading" className="text-lg font-semibold">
          Your jobs
        </h2>
        <span className="text-xs text-zinc-500">{stream === "live" ? "Live" : stream === "polling" ? "Reconnecting…" : "Connecting…"}</span>
      </div>
      {list.length === 0 ? (
        <div className="rounded-xl border border-dashed border-zinc-800 p-6 text-sm text-zinc-400">
          Nothing yet. Write a prompt (or drop a frame), pick a camera move and press Generate: your video renders here.
        </div>
      ) : (
        <div className="flex flex-col gap-3" aria-live="polite">
          {list.map((job) => (
            <JobCard key={job.id} job={job} />
          ))}
        </div>
      )}
    </section>
  );
}
