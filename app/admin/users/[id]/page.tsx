import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AdminAction } from "@/components/admin/admin-action";
import { AuditList } from "@/components/admin/audit-list";
import { AdminTable, Cell, Section, When } from "@/components/admin/table";
import { CreditHistory } from "@/components/credits/credit-history";
import { formatCredits, sourceName } from "@/components/credits/format";
import { PageHeader } from "@/components/shell/page-header";
import { requireAdminPage } from "@/lib/admin/roles";
import { adminUserDetail } from "@/lib/admin/users";
import { pricingConfig } from "@/lib/credits/config";

export const metadata: Metadata = { title: "User" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ page?: string }> };

export default async function AdminUserPage({ params, searchParams }: Props) {
  await requireAdminPage();
  const { id } = await params;
  const page = Number((await searchParams).page) || 1;
  const detail = await adminUserDetail(id, page);
  if (!detail) notFound();
  const { user, balance, buckets, history, jobCount, jobs, subscriptions, apiKeys, audit } = detail;
  const base = `/api/admin/users/${user.id}`;

  return (
    <div className="flex flex-col gap-8">
      <PageHeader title={user.email} description={`${user.name ?? "No name"} · ${user.plan} plan · ${user.emailVerified ? "verified" : "unverified"} address · id ${user.id}`} />
      {user.suspendedAt && (
        <p role="status" className="rounded-2xl border border-red-400/30 bg-red-400/10 px-4 py-3 text-sm text-red-200">
          Suspended since <When at={user.suspendedAt} />: this user cannot sign in or submit.
        </p>
      )}
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
        {[
          ["Balance", `${formatCredits(balance)} credits`],
          ["Signed up", user.createdAt.toISOString().slice(0, 16).replace("T", " ")],
          ["Last seen", user.lastSeenAt ? user.lastSeenAt.toISOString().slice(0, 16).replace("T", " ") : "—"],
          ["Jobs", jobCount.toLocaleString("en-US")],
        ].map(([term, value]) => (
          <div key={term} className="rounded-xl border border-zinc-800 bg-zinc-900/50 p-4">
            <dt className="text-xs text-zinc-500">{term}</dt>
            <dd className="mt-1 text-lg font-semibold" data-testid={term === "Balance" ? "admin-balance" : undefined}>
              {value}
            </dd>
          </div>
        ))}
      </dl>

      <Section title="Actions">
        <div className="grid gap-4 lg:grid-cols-3">
          <AdminAction
            title="Adjust credits"
            method="POST"
            url={`${base}/credits`}
            submitLabel="Apply"
            amount
            choice={{ name: "direction", label: "Grant or deduct", options: [{ value: "grant", label: "Grant credits" }, { value: "deduct", label: "Deduct credits" }] }}
            done="Credits adjusted."
          />
          {user.suspendedAt ? (
            <AdminAction title="Lift the suspension" method="POST" url={`${base}/suspension`} fixed={{ suspended: false }} submitLabel="Unsuspend" done="Suspension lifted." />
          ) : (
            <AdminAction title="Suspend" method="POST" url={`${base}/suspension`} fixed={{ suspended: true }} submitLabel="Suspend and cancel jobs" done="Suspended; active jobs cancelled and refunded." danger />
          )}
          <AdminAction title="End all sessions" method="DELETE" url={`${base}/sessions`} submitLabel="Sign out everywhere" done="Every session ended." danger />
        </div>
      </Section>

      <Section title="Credit buckets">
        <AdminTable label="Credit buckets" head={["Source", "Remaining", "Of", "Expires"]} numeric={["Remaining", "Of"]} empty={buckets.length === 0}>
          {buckets.map((b) => (
            <tr key={b.grantId}>
              <Cell>{sourceName(b.source)}</Cell>
              <Cell numeric>{formatCredits(b.remaining)}</Cell>
              <Cell numeric>{formatCredits(b.amount)}</Cell>
              <Cell><When at={b.expiresAt} /></Cell>
            </tr>
          ))}
        </AdminTable>
      </Section>

      <CreditHistory history={history} timeZone={pricingConfig().timeZone} pageHref={(n) => `/admin/users/${user.id}?page=${n}`} />

      <Section title="Latest jobs" actions={<Link href={`/admin/jobs?user=${encodeURIComponent(user.id)}`} className="text-sm text-accent-400 hover:underline">All of this user’s jobs →</Link>}>
        <AdminTable label="Jobs" head={["Created", "Status", "Engine", "Mode", "Length", "Cost", "Error"]} numeric={["Length", "Cost"]} empty={jobs.length === 0}>
          {jobs.map((j) => (
            <tr key={j.id}>
              <Cell className="whitespace-nowrap"><When at={j.createdAt} /></Cell>
              <Cell>{j.status}{j.refundedAt && <span className="text-xs text-zinc-500"> · refunded</span>}</Cell>
              <Cell>{j.provider}</Cell>
              <Cell>{j.mode}</Cell>
              <Cell numeric>{j.durationSeconds} s</Cell>
              <Cell numeric>{j.cost}</Cell>
              <Cell className="text-zinc-400">{j.errorCode ? `${j.errorCode}: ${j.error ?? ""}` : "—"}</Cell>
            </tr>
          ))}
        </AdminTable>
      </Section>

      <Section title="Subscriptions">
        <AdminTable label="Subscriptions" head={["Plan", "Interval", "Status", "Period ends", "Cancels at period end", "Reference"]} empty={subscriptions.length === 0}>
          {subscriptions.map((s) => (
            <tr key={s.id}>
              <Cell className="capitalize">{s.plan}</Cell>
              <Cell>{s.interval}</Cell>
              <Cell>{s.status}</Cell>
              <Cell><When at={s.currentPeriodEnd} /></Cell>
              <Cell>{s.cancelAtPeriodEnd ? "yes" : "no"}</Cell>
              <Cell className="font-mono text-xs">{s.stripeSubscriptionId}</Cell>
            </tr>
          ))}
        </AdminTable>
      </Section>

      <Section title="API keys">
        <AdminTable label="API keys" head={["Name", "Access key", "Created", "Last used", "Revoked"]} empty={apiKeys.length === 0}>
          {apiKeys.map((k) => (
            <tr key={k.id}>
              <Cell>{k.name}</Cell>
              <Cell className="font-mono text-xs">{k.accessKeyPrefix}…</Cell>
              <Cell><When at={new Date(k.createdAt)} /></Cell>
              <Cell><When at={k.lastUsedAt ? new Date(k.lastUsedAt) : null} /></Cell>
              <Cell><When at={k.revokedAt ? new Date(k.revokedAt) : null} /></Cell>
            </tr>
          ))}
        </AdminTable>
      </Section>

      <Section title="Audit log">
        <AuditList lines={audit} />
      </Section>
    </div>
  );
}
