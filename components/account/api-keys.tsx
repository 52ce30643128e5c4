"use client";

import { useState } from "react";
import { useHydrated } from "@/components/billing/use-hydrated";
import { formatDateTime } from "@/components/credits/format";
import { Button } from "@/components/ui/button";
import { sendJson } from "@/components/ui/api-fetch";
import { TextField } from "@/components/ui/text-field";
import { toast } from "@/components/ui/toast-store";
import type { ApiKeyView } from "@/lib/api-keys/keys";

type Created = { key: ApiKeyView; accessKey: string; secretKey: string };

function CopyField({ label, value }: { label: string; value: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      toast("Copying was blocked by the browser: select the text and copy it.", "error");
    }
  };
  return (
    <div className="flex flex-col gap-1">
      <span className="text-xs font-medium text-zinc-400">{label}</span>
      <div className="flex items-center gap-2">
        <code aria-label={label} className="min-w-0 flex-1 truncate rounded-lg border border-zinc-700 bg-zinc-950 px-3 py-2 font-mono text-sm text-zinc-100 select-all">
          {value}
        </code>
        <Button type="button" variant="secondary" size="sm" onClick={copy} aria-label={`Copy ${label.toLowerCase()}`}>
          {copied ? "Copied" : "Copy"}
        </Button>
      </div>
    </div>
  );
}

function KeyRow({ apiKey, timeZone, onRevoked }: { apiKey: ApiKeyView; timeZone: string; onRevoked: (key: ApiKeyView) => void }) {
  const [state, setState] = useState<"idle" | "confirm" | "busy">("idle");
  const when = (at: string | null) => (at ? formatDateTime(new Date(at), timeZone) : "Never");
  const revoke = async () => {
    setState("busy");
    try {
      const { key } = await sendJson<{ key: ApiKeyView }>("DELETE", `/api/api-keys/${apiKey.id}`);
      onRevoked(key);
      toast(`Revoked “${key.name}”.`);
    } catch (error) {
      toast((error as Error).message, "error");
    }
    setState("idle");
  };
  return (
    <tr className={apiKey.revokedAt ? "text-zinc-500" : undefined} aria-label={`API key ${apiKey.name}`}>
      <td className="py-3 pr-4 font-medium">{apiKey.name}</td>
      <td className="py-3 pr-4 font-mono text-xs">{apiKey.accessKeyPrefix}…</td>
      <td className="py-3 pr-4">{when(apiKey.createdAt)}</td>
      <td className="py-3 pr-4">{when(apiKey.lastUsedAt)}</td>
      <td className="py-3 text-right">
        {apiKey.revokedAt ? (
          <span>Revoked {when(apiKey.revokedAt)}</span>
        ) : state === "idle" ? (
          <Button type="button" variant="ghost" size="sm" onClick={() => setState("confirm")}>
            Revoke
          </Button>
        ) : (
          <span className="inline-flex flex-wrap items-center justify-end gap-2">
            <span className="text-zinc-300">Scripts using it stop working.</span>
            <Button type="button" variant="secondary" size="sm" disabled={state === "busy"} onClick={revoke}>
              Yes, revoke
            </Button>
            <Button type="button" variant="ghost" size="sm" disabled={state === "busy"} onClick={() => setState("idle")}>
              Keep
            </Button>
          </span>
        )}
      </td>
    </tr>
  );
}

/** The Account page's API keys: create (the secret is shown once), list, revoke. */
export function ApiKeys({ initialKeys, timeZone }: { initialKeys: ApiKeyView[]; timeZone: string }) {
  const hydrated = useHydrated();
  const [keys, setKeys] = useState(initialKeys);
  const [name, setName] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<Created | null>(null);

  const create = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const result = await sendJson<Created>("POST", "/api/api-keys", { name });
      setCreated(result);
      setKeys((current) => [result.key, ...current]);
      setName("");
    } catch (e) {
      setError((e as Error).message);
    }
    setBusy(false);
  };

  return (
    <section aria-labelledby="api-keys-heading" className="flex flex-col gap-4 rounded-2xl border border-zinc-800 bg-zinc-900/50 p-5 sm:p-6">
      <div>
        <h2 id="api-keys-heading" className="text-lg font-semibold">
          API keys
        </h2>
        <p className="mt-1 text-sm text-zinc-400">
          For scripts and batch pipelines, with any Kling API client: see the{" "}
          <a href="/docs/api" className="text-accent-400 underline">
            API reference
          </a>
          . Jobs you submit with a key use your credits and plan, like the studio.
        </p>
      </div>
      {created && (
        <div role="status" className="flex flex-col gap-3 rounded-xl border border-amber-400/30 bg-amber-400/10 p-4">
          <p className="text-sm text-amber-100">
            Copy the secret key of “{created.key.name}” now: it is shown only this once. If you lose it, revoke the key and create another.
          </p>
          <CopyField label="Access key" value={created.accessKey} />
          <CopyField label="Secret key" value={created.secretKey} />
          <div>
            <Button type="button" variant="secondary" size="sm" onClick={() => setCreated(null)}>
              I have saved it
            </Button>
          </div>
        </div>
      )}
      <form onSubmit={create} className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <TextField label="Key name" name="name" placeholder="e.g. nightly-batch" value={name} onChange={(e) => setName(e.target.value)} error={error} className="flex-1" maxLength={60} />
        <Button type="submit" disabled={!hydrated || busy || !name.trim()} className="sm:mb-0.5">
          Create key
        </Button>
      </form>
      {keys.length > 0 ? (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="text-zinc-400">
              <tr>
                <th className="py-2 pr-4 font-medium">Name</th>
                <th className="py-2 pr-4 font-medium">Access key</th>
                <th className="py-2 pr-4 font-medium">Created</th>
                <th className="py-2 pr-4 font-medium">Last used</th>
                <th className="py-2 font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-800/70">
              {keys.map((key) => (
                <KeyRow key={key.id} apiKey={key} timeZone={timeZone} onRevoked={(revoked) => setKeys((current) => current.map((k) => (k.id === revoked.id ? revoked : k)))} />
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="text-sm text-zinc-500">No keys yet.</p>
      )}
    </section>
  );
}
