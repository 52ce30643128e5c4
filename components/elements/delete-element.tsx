"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { apiFetch } from "@/components/ui/api-fetch";

/** Deletes the element; the server refuses while a queued or running video uses it, and that sentence is shown. */
export function DeleteElement({ id, name }: { id: string; name: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function remove() {
    if (!window.confirm(`Delete ${name}? Videos made with it stay.`)) return;
    setBusy(true);
    const result = await apiFetch("DELETE", `/api/elements/${id}`);
    setBusy(false);
    if (!result.ok) return setError(result.message);
    router.push("/elements");
    router.refresh();
  }

  return (
    <div className="flex flex-col items-end gap-2">
      <Button variant="secondary" className="text-red-300 hover:text-red-200" disabled={busy} onClick={() => void remove()}>
        Delete element
      </Button>
      {error && (
        <p role="alert" className="max-w-sm text-right text-sm text-red-300">
          {error}
        </p>
      )}
    </div>
  );
}
