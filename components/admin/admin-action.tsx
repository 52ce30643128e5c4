"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { apiFetch } from "@/components/ui/api-fetch";
import { TextField } from "@/components/ui/text-field";
import { toast } from "@/components/ui/toast-store";

type Choice = { name: string; label: string; options: { value: string; label: string }[] };

type Props = {
  /** The form's accessible name, e.g. "Adjust credits". */
  title: string;
  method: "POST" | "DELETE";
  url: string;
  submitLabel: string;
  /** Fixed fields sent with every submit (e.g. `{ suspended: true }`). */
  fixed?: Record<string, unknown>;
  /** A whole number of credits, when the action takes one. */
  amount?: boolean;
  choice?: Choice;
  /** Said once it worked. */
  done: string;
  danger?: boolean;
};

/**
 * One admin action as a small form: a reason (always; the audit log keeps it), an optional amount
 * and choice, sent as JSON to the action's /api/admin route; the route's own sentence is shown
 * under the field it is about, and the page's server data is refreshed once it worked.
 */
export function AdminAction({ title, method, url, submitLabel, fixed, amount, choice, done, danger }: Props) {
  const router = useRouter();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    const body: Record<string, unknown> = { ...fixed, reason: String(form.get("reason") ?? "") };
    if (amount) body.amount = Number(form.get("amount"));
    if (choice) body[choice.name] = String(form.get(choice.name));
    setBusy(true);
    const result = await apiFetch(method, url, { body });
    setBusy(false);
    if (!result.ok) {
      setErrors({ form: result.message, ...result.fields });
      return;
    }
    setErrors({});
    element.reset();
    toast(done);
    router.refresh();
  };

  return (
    <form aria-label={title} onSubmit={submit} className="flex flex-col gap-3 rounded-xl border border-zinc-800 bg-zinc-950/40 p-4">
      <h3 className="text-sm font-semibold text-zinc-200">{title}</h3>
      {choice && (
        <div className="flex flex-col gap-1.5">
          <label htmlFor={`${id}-choice`} className="text-sm font-medium text-zinc-200">
            {choice.label}
          </label>
          <select id={`${id}-choice`} name={choice.name} className="h-11 rounded-lg border border-zinc-700 bg-zinc-900/80 px-3 text-[15px] text-zinc-100">
            {choice.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
          {errors[choice.name] && <p role="alert" className="text-sm text-red-400">{errors[choice.name]}</p>}
        </div>
      )}
      {amount && <TextField label="Credits" name="amount" type="number" min={1} step={1} required inputMode="numeric" error={errors.amount} />}
      <TextField label="Reason" name="reason" required minLength={3} maxLength={300} error={errors.reason} hint="Kept in the audit log." />
      {errors.form && Object.keys(errors).length === 1 && (
        <p role="alert" className="text-sm text-red-400">
          {errors.form}
        </p>
      )}
      <div>
        <Button type="submit" size="sm" variant={danger ? "secondary" : "primary"} disabled={busy}>
          {busy ? "Working…" : submitLabel}
        </Button>
      </div>
    </form>
  );
}
