import clsx from "clsx";
import type { GenerationView } from "@/lib/generations/present";

export const STATUS: Record<GenerationView["status"], { label: string; className: string }> = {
  queued: { label: "Queued", className: "bg-zinc-700/60 text-zinc-200" },
  running: { label: "Rendering", className: "bg-accent-500/20 text-accent-400" },
  succeeded: { label: "Done", className: "bg-emerald-500/15 text-emerald-300" },
  failed: { label: "Failed", className: "bg-red-500/15 text-red-300" },
  canceled: { label: "Cancelled", className: "bg-zinc-700/60 text-zinc-300" },
};

export function StatusBadge({ status, className }: { status: GenerationView["status"]; className?: string }) {
  return (
    <span className={clsx("shrink-0 rounded-full px-2 py-0.5 text-xs font-medium", STATUS[status].className, className)} data-testid="job-status">
      {STATUS[status].label}
    </span>
  );
}
