import type { Metadata } from "next";
import { AdminTable, Cell, Section } from "@/components/admin/table";
import { WindowPicker } from "@/components/admin/window-picker";
import { PageHeader } from "@/components/shell/page-header";
import { engineReport } from "@/lib/admin/engines";
import { requireAdminPage } from "@/lib/admin/roles";
import { reportWindow, reportWindowSchema } from "@/lib/admin/schemas";

export const metadata: Metadata = { title: "Engines" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const seconds = (s: number | null) => (s === null ? "—" : s < 100 ? `${s.toFixed(1)} s` : `${Math.round(s)} s`);

export default async function AdminEnginesPage({ searchParams }: Props) {
  await requireAdminPage();
  const { days } = reportWindowSchema.parse(await searchParams);
  const { since, until } = reportWindow(days);
  const { days: perDay, failures, timings, margins } = await engineReport(since, until);
  const engine = (r: { provider: string; model: string | null }) => `${r.provider}${r.model ? ` · ${r.model}` : ""}`;

  return (
    <div className="flex flex-col gap-8">
      <PageHeader title="Engines" description={`Jobs by engine and model, submitted ${since.toISOString().slice(0, 10)} to ${new Date(until.getTime() - 1).toISOString().slice(0, 10)} (UTC).`}>
        <WindowPicker path="/admin/engines" days={days} />
      </PageHeader>
      <Section title="Timing">
        <AdminTable label="Timing" head={["Engine", "Finished", "Queue wait median", "Queue wait p95", "Render median", "Render p95"]} numeric={["Finished", "Queue wait median", "Queue wait p95", "Render median", "Render p95"]} empty={timings.length === 0}>
          {timings.map((t) => (
            <tr key={engine(t)}>
              <Cell>{engine(t)}</Cell>
              <Cell numeric>{t.finished}</Cell>
              <Cell numeric>{seconds(t.queueWaitMedianS)}</Cell>
              <Cell numeric>{seconds(t.queueWaitP95S)}</Cell>
              <Cell numeric>{seconds(t.renderMedianS)}</Cell>
              <Cell numeric>{seconds(t.renderP95S)}</Cell>
            </tr>
          ))}
        </AdminTable>
      </Section>
      <Section title="Remote engines: provider units against credits">
        <AdminTable label="Provider units against credits" head={["Engine", "Jobs", "Provider units", "Credits charged", "Credits refunded", "Credits kept per unit"]} numeric={["Jobs", "Provider units", "Credits charged", "Credits refunded", "Credits kept per unit"]} empty={margins.length === 0}>
          {margins.map((m) => {
            const units = Number(m.providerUnits);
            return (
              <tr key={engine(m)}>
                <Cell>{engine(m)}</Cell>
                <Cell numeric>{m.jobs}</Cell>
                <Cell numeric>{m.providerUnits}</Cell>
                <Cell numeric>{m.creditsCharged}</Cell>
                <Cell numeric>{m.creditsRefunded}</Cell>
                <Cell numeric>{units > 0 ? ((m.creditsCharged - m.creditsRefunded) / units).toFixed(2) : "—"}</Cell>
              </tr>
            );
          })}
        </AdminTable>
      </Section>
      <Section title="Per day">
        <AdminTable label="Jobs per day" head={["Day", "Engine", "Jobs", "Succeeded", "Failed", "Seconds rendered"]} numeric={["Jobs", "Succeeded", "Failed", "Seconds rendered"]} empty={perDay.length === 0}>
          {perDay.map((d) => (
            <tr key={`${d.day}:${engine(d)}`}>
              <Cell>{d.day}</Cell>
              <Cell>{engine(d)}</Cell>
              <Cell numeric>{d.jobs}</Cell>
              <Cell numeric>{d.succeeded}</Cell>
              <Cell numeric>{d.failed}</Cell>
              <Cell numeric>{d.secondsRendered.toFixed(1)}</Cell>
            </tr>
          ))}
        </AdminTable>
      </Section>
      <Section title="Failures by reason">
        <AdminTable label="Failures by reason" head={["Engine", "Reason", "Jobs"]} numeric={["Jobs"]} empty={failures.length === 0}>
          {failures.map((f) => (
            <tr key={`${engine(f)}:${f.reason}`}>
              <Cell>{engine(f)}</Cell>
              <Cell className="font-mono text-xs">{f.reason}</Cell>
              <Cell numeric>{f.jobs}</Cell>
            </tr>
          ))}
        </AdminTable>
      </Section>
    </div>
  );
}
