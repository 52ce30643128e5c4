"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { downloadName } from "@/components/generations/describe";
import { apiFetch } from "@/components/ui/api-fetch";
import { ButtonLink, buttonClass } from "@/components/ui/button";
import { toast } from "@/components/ui/toast-store";
import type { GenerationView } from "@/lib/generations/present";
import { FavoriteButton } from "../favorite-button";
import { sendFavorite } from "../gallery-store";
import type { ExtensionQuote } from "@/lib/generations/extend";
import { DeleteButton } from "./delete-dialog";
import { ExtendButton } from "./extend-dialog";

/** Download, favourite, reuse, extend and delete for one generation. */
export function GenerationActions({ generation: g, extension }: { generation: GenerationView; extension: ExtensionQuote }) {
  const router = useRouter();
  const [favorite, setFavorite] = useState(g.favorite);

  async function toggleFavorite() {
    setFavorite(!favorite);
    const failure = await sendFavorite(g.id, !favorite);
    if (failure) {
      setFavorite(favorite);
      toast(failure, "error");
    }
  }

  async function remove(): Promise<string | null> {
    const result = await apiFetch("DELETE", `/api/generations/${g.id}`, { fallback: "Could not delete the video. Check your connection and try again." });
    if (!result.ok) return result.message;
    toast("Video deleted.");
    router.push("/gallery");
    return null;
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      {g.video && (
        <a href={`${g.video.url}?download=1&name=${encodeURIComponent(downloadName(g))}`} download className={buttonClass("primary")}>
          Download
        </a>
      )}
      <ButtonLink href={`/studio?reuse=${g.id}`} variant="secondary">
        Reuse settings
      </ButtonLink>
      <ExtendButton generationId={g.id} prompt={g.prompt} {...extension} />
      <DeleteButton onConfirm={remove} />
      <FavoriteButton favorite={favorite} onToggle={() => void toggleFavorite()} className="ml-auto" />
    </div>
  );
}
