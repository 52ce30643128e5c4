"use client";

import clsx from "clsx";
import { useState } from "react";
import { useDropzone, type FileRejection } from "react-dropzone";
import { apiFetch } from "@/components/ui/api-fetch";
import type { Frame } from "./studio-store";

const ACCEPT = { "image/jpeg": [".jpg", ".jpeg"], "image/png": [".png"], "image/webp": [".webp"] };

type UploadResponse = { asset: { id: string; url: string; width: number; height: number } };

/** A drop area for one frame: uploads it at once; the server's verdict on the bytes is shown here. */
export function FrameDrop({ label, optional, frame, onChange }: { label: string; optional?: boolean; frame: Frame | null; onChange(frame: Frame | null): void }) {
  const [error, setError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);

  async function upload(file: File) {
    setError(null);
    setUploading(true);
    try {
      const form = new FormData();
      form.set("file", file);
      const result = await apiFetch<UploadResponse>("POST", "/api/uploads", { body: form, fallback: "The upload failed. Check your connection and try again." });
      if (!result.ok) return setError(result.message);
      const { asset } = result.data;
      onChange({ assetId: asset.id, url: asset.url, width: asset.width, height: asset.height, name: file.name });
    } finally {
      setUploading(false);
    }
  }

  const { getRootProps, getInputProps, isDragActive, open } = useDropzone({
    accept: ACCEPT,
    multiple: false,
    noClick: Boolean(frame),
    onDropAccepted: ([file]) => file && void upload(file),
    // The type filter is a convenience; the server checks the bytes either way.
    onDropRejected: ([rejection]: FileRejection[]) => rejection?.file && void upload(rejection.file),
  });

  return (
    <div className="flex flex-col gap-1.5">
      <span className="text-sm font-medium text-zinc-200">
        {label}
        {optional && <span className="font-normal text-zinc-500"> (optional)</span>}
      </span>
      <div
        {...getRootProps({
          role: "button",
          "aria-label": frame ? `${label}: ${frame.name}` : `${label}: drop an image or press to choose one`,
          "aria-invalid": error ? true : undefined,
          "aria-describedby": error ? `${label}-error` : undefined,
        })}
        className={clsx(
          "relative flex min-h-36 cursor-pointer items-center justify-center overflow-hidden rounded-xl border border-dashed text-center transition-colors",
          isDragActive ? "border-accent-400 bg-accent-500/10" : error ? "border-red-500/60 bg-red-500/5" : "border-zinc-700 bg-zinc-900/50 hover:border-zinc-500",
        )}
      >
        <input {...getInputProps()} data-testid={`${label}-input`} />
        {frame ? (
          // eslint-disable-next-line @next/next/no-img-element -- an authorised media URL, not a static asset
          <img src={frame.url} alt={`${label} preview`} className="max-h-48 w-full object-contain" />
        ) : (
          <div className="flex flex-col items-center gap-1 px-4 py-6 text-sm text-zinc-400">
            <span className="font-medium text-zinc-200">{uploading ? "Uploading…" : isDragActive ? "Drop it here" : "Drop an image, or click to choose"}</span>
            <span className="text-xs">JPG, PNG or WebP · up to 10 MB · at least 300 px a side</span>
          </div>
        )}
        {uploading && frame && <span className="absolute inset-0 grid place-items-center bg-black/60 text-sm">Uploading…</span>}
      </div>
      {frame && (
        <div className="flex items-center justify-between gap-2 text-xs text-zinc-400">
          <span className="truncate">
            {frame.name} · {frame.width}×{frame.height}
          </span>
          <span className="flex gap-3">
            <button type="button" onClick={open} className="text-accent-400 hover:underline">
              Replace
            </button>
            <button type="button" onClick={() => onChange(null)} className="hover:text-zinc-200">
              Remove
            </button>
          </span>
        </div>
      )}
      {error && (
        <p id={`${label}-error`} role="alert" className="text-sm text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}
