import type { Metadata } from "next";
import Link from "next/link";
import { AdminAction } from "@/components/admin/admin-action";
import { Pager } from "@/components/admin/pager";
import { AdminTable, Cell, When } from "@/components/admin/table";
import { PageHeader } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";
import { jobEngines, listJobs } from "@/lib/admin/jobs";
import { requireAdminPage } from "@/lib/admin/roles";
import { JOB_STATUSES, jobListQuerySchema } from "@/lib/admin/schemas";

export const metadata: Metadata = { title: "Jobs" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const STUCK_LABEL = { queued_too_long: "queued too long", no_heartbeat: "no heartbeat" } as const;
const input = "h-10 rounded-lg border border-zinc-700 bg-zinc-900/80 px-3 text-sm text-zinc-100 placeholder:text-zinc-500";

export default async function AdminJobsPage({ searchParams }: Props) {
  await requireAdminPage();
  const query = jobListQuerySchema.parse(await searchParams);
  const [jobs, engines] = await Promise.all([listJobs(query), jobEngines()]);
  const providers = [...new Set(engines.map((e) => e.provider))];
  const models = [...new Set(engines.map((e) => e.model).filter((m): m is string => Boolean(m)))];
  const kept = { status: query.status, engine: query.engine, model: query.model, user: query.user, olderThanHours: query.olderThanHours?.toString(), reason: query.reason };

  return (
    <div className="flex flex-col gap-5">
      <PageHeader title="Jobs" description="Every generation. Stuck ones first: queued too long, or running without a heartbeat." />
      <form aria-label="Filter jobs" action="/admin/jobs" className="flex flex-wrap items-end gap-2">
        <select name="status" defaultValue={query.status ?? ""} aria-label="Status" className={input}>
          <option value="">Any status</option>
          {JOB_STATUSES.map((s) => (
            <option key={s} value={s}>{s}</option>
          ))}
        </select>
        <select name="engine" defaultValue={query.engine ?? ""} aria-label="Engine" className={input}>
          <option value="">Any engine</option>
          {providers.map((p) => (
            <option key={p} value={p}>{p}</option>
          ))}
        </select>
        <select name="model" defaultValue={query.model ?? ""} aria-label="Model" className={input}>
          <option value="">Any model</option>
          {models.map((m) => (
            <option key={m} value={m}>{m}</option>
          ))}
        </select>
        <input name="user" defaultValue={query.user} placeholder="User email or id" aria-label="User" className={input} />
        <input name="olderThanHours" type="number" min={1} defaultValue={query.olderThanHours} placeholder="Older than (hours)" aria-label="Older than, in hours" className={`${input} w-44`} />
        <input name="reason" defaultValue={query.reason} placeholder="Failure reason" aria-label="Failure reason" className={input} />
        <Button type="submit" variant="secondary">Filter</Button>
      </form>
      <div>
        <AdminTable label="Jobs" head={["Created", "User", "Status", "Engine / model", "Cost", "Attempts", "Error", ""]} numeric={["Cost", "Attempts"]} empty={jobs.rows.length === 0}>
          {jobs.rows.map((j) => (
            <tr key={j.id} className={j.stuck ? "bg-amber-500/5" : undefined}>
              <Cell className="whitespace-nowrap"><When at={j.createdAt} /></Cell>
              <Cell>
                <Link href={`/admin/users/${j.userId}`} className="text-accent-400 hover:underline">{j.email}</Link>
              </Cell>
              <Cell>
                {j.status}
                {j.stuck && <span className="ml-1 rounded bg-amber-500/15 px-1.5 py-0.5 text-xs text-amber-300">stuck: {STUCK_LABEL[j.stuck]}</span>}
                {j.refundedAt && <span className="block text-xs text-zinc-500">refunded</span>}
              </Cell>
              <Cell>{j.provider}{j.model && <span className="block text-xs text-zinc-500">{j.model}</span>}</Cell>
              <Cell numeric>{j.cost}</Cell>
              <Cell numeric>{j.attempts}</Cell>
              <Cell className="max-w-xs text-zinc-400">{j.errorCode ? `${j.errorCode}: ${j.error ?? ""}` : "—"}</Cell>
              <Cell>
                {(j.status === "queued" || j.status === "running" || j.status === "failed") && (
                  <details>
                    <summary className="cursor-pointer text-sm text-accent-400">Act</summary>
                    <div className="mt-2 w-72">
                      {j.status === "failed" ? (
                        <AdminAction
                          title="Retry"
                          method="POST"
                          url={`/api/admin/jobs/${j.id}/retry`}
                          submitLabel="Retry"
                          choice={{ name: "charge", label: "Who pays", options: [{ value: "user", label: `The user (${j.cost} credits again)` }, { value: "free", label: "Free (we pay)" }] }}
                          done="Retried as a new job."
                        />
                      ) : (
                        <AdminAction title="Cancel and refund" method="POST" url={`/api/admin/jobs/${j.id}/cancel`} submitLabel="Cancel job" done="Cancelled and refunded." danger />
                      )}
                    </div>
                  </details>
                )}
              </Cell>
            </tr>
          ))}
        </AdminTable>
        <Pager page={jobs.page} pages={jobs.pages} total={jobs.total} path="/admin/jobs" query={kept} />
      </div>
    </div>
  );
}
