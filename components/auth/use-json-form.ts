"use client";

import { useState } from "react";
import { sendJson } from "@/components/ui/api-fetch";
import type { FieldErrors } from "@/lib/auth/schemas";

/** A form that posts JSON to one route and then shows the route's `message` instead of itself. */
export function useJsonForm(url: string) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [done, setDone] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  /** `after` runs once the route said yes, before its message shows (e.g. signing in again). */
  async function submit(body: unknown, after?: () => Promise<void>) {
    setPending(true);
    setErrors({});
    setDone(null);
    try {
      const { message } = await sendJson<{ message: string }>("POST", url, body);
      await after?.();
      setDone(message);
    } catch (error) {
      setErrors({ form: (error as Error).message });
    } finally {
      setPending(false);
    }
  }

  return { errors, setErrors, done, pending, submit };
}
