import type { Metadata } from "next";
import Link from "next/link";
import { Pager } from "@/components/admin/pager";
import { AdminTable, Cell, When } from "@/components/admin/table";
import { formatCredits } from "@/components/credits/format";
import { PageHeader } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";
import { requireAdminPage } from "@/lib/admin/roles";
import { userListQuerySchema } from "@/lib/admin/schemas";
import { listUsers } from "@/lib/admin/users";

export const metadata: Metadata = { title: "Users" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminUsersPage({ searchParams }: Props) {
  await requireAdminPage();
  const query = userListQuerySchema.parse(await searchParams);
  const users = await listUsers(query);
  return (
    <div className="flex flex-col gap-5">
      <PageHeader title="Users" description="Everyone with an account, newest first. Search by email, name or id." />
      <form role="search" action="/admin" className="flex gap-2">
        <label htmlFor="user-search" className="sr-only">
          Search users
        </label>
        <input
          id="user-search"
          name="q"
          type="search"
          defaultValue={query.q}
          placeholder="Email, name or user id"
          className="h-10 w-full max-w-md rounded-lg border border-zinc-700 bg-zinc-900/80 px-3 text-sm text-zinc-100 placeholder:text-zinc-500"
        />
        <Button type="submit" variant="secondary">
          Search
        </Button>
      </form>
      <div>
        <AdminTable label="Users" head={["Email", "Plan", "Balance", "Signed up", "Last seen", "Jobs", "Spend"]} numeric={["Balance", "Jobs", "Spend"]} empty={users.rows.length === 0}>
          {users.rows.map((u) => (
            <tr key={u.id}>
              <Cell>
                <Link href={`/admin/users/${u.id}`} className="font-medium text-accent-400 hover:underline">
                  {u.email}
                </Link>
                {u.suspendedAt && <span className="ml-2 rounded bg-red-500/15 px-1.5 py-0.5 text-xs text-red-300">suspended</span>}
              </Cell>
              <Cell className="capitalize">{u.plan}</Cell>
              <Cell numeric>{formatCredits(u.balance)}</Cell>
              <Cell><When at={u.createdAt} /></Cell>
              <Cell><When at={u.lastSeenAt} /></Cell>
              <Cell numeric>{u.jobs}</Cell>
              <Cell numeric>{formatCredits(u.spend)}</Cell>
            </tr>
          ))}
        </AdminTable>
        <Pager page={users.page} pages={users.pages} total={users.total} path="/admin" query={{ q: query.q }} />
      </div>
    </div>
  );
}
