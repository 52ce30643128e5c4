"use client";

import clsx from "clsx";
import { useDropzone } from "react-dropzone";

const ACCEPT = { "image/jpeg": [".jpg", ".jpeg"], "image/png": [".png"], "image/webp": [".webp"] };

/** A drag-and-drop area for `max` pictures; the server checks each one's bytes on save. */
export function ImageDrop({ label, hint, files, max, onChange }: { label: string; hint: string; files: File[]; max: number; onChange(files: File[]): void }) {
  const { getRootProps, getInputProps, isDragActive } = useDropzone({
    accept: ACCEPT,
    multiple: max > 1,
    // The type filter is a convenience: a file it rejects is still sent, and the server names what is wrong.
    onDrop: (accepted, rejected) => onChange([...(max > 1 ? files : []), ...accepted, ...rejected.map((r) => r.file)].slice(0, max)),
  });
  return (
    <div className="flex flex-col gap-1.5">
      <span className="text-sm font-medium text-zinc-200">{label}</span>
      <div
        {...getRootProps({ role: "button", "aria-label": `${label}: drop images or press to choose` })}
        className={clsx(
          "flex min-h-24 cursor-pointer flex-wrap items-center justify-center gap-2 rounded-xl border border-dashed p-3 text-center text-sm transition-colors",
          isDragActive ? "border-accent-400 bg-accent-500/10" : "border-zinc-700 bg-zinc-900/50 hover:border-zinc-500",
        )}
      >
        <input {...getInputProps()} data-testid={`${label}-input`} />
        {files.length === 0 ? (
          <span className="text-zinc-500">{hint}</span>
        ) : (
          files.map((file, i) => (
            <span key={`${file.name}-${i}`} className="rounded-md bg-zinc-800 px-2 py-1 text-xs text-zinc-200">
              {file.name}
            </span>
          ))
        )}
      </div>
      {files.length > 0 && (
        <button type="button" className="self-start text-xs text-zinc-400 hover:text-white" onClick={() => onChange([])}>
          Clear {label.toLowerCase()}
        </button>
      )}
    </div>
  );
}
