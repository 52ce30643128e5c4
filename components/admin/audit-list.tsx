import { AdminTable, Cell, When } from "./table";

type AuditLine = { id: bigint; createdAt: Date; adminEmail: string; action: string; reason: string | null; before: unknown; after: unknown };

/** The audit log as a table: who did what, when, why, and the state before and after. */
export function AuditList({ lines }: { lines: AuditLine[] }) {
  return (
    <AdminTable label="Audit log" head={["When", "Admin", "Action", "Reason", "Before", "After"]} empty={lines.length === 0}>
      {lines.map((a) => (
        <tr key={a.id.toString()}>
          <Cell className="whitespace-nowrap text-zinc-400"><When at={a.createdAt} /></Cell>
          <Cell>{a.adminEmail}</Cell>
          <Cell className="font-mono text-xs">{a.action}</Cell>
          <Cell>{a.reason ?? "—"}</Cell>
          <Cell className="max-w-xs font-mono text-xs break-all text-zinc-400">{JSON.stringify(a.before)}</Cell>
          <Cell className="max-w-xs font-mono text-xs break-all text-zinc-400">{JSON.stringify(a.after)}</Cell>
        </tr>
      ))}
    </AdminTable>
  );
}
