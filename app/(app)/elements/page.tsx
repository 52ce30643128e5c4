import type { Metadata } from "next";
import { ElementsGrid } from "@/components/elements/elements-grid";
import { PageHeader } from "@/components/shell/page-header";
import { requireUser } from "@/lib/auth/session";
import { listElements } from "@/lib/elements/elements";

export const metadata: Metadata = { title: "Elements" };

export default async function ElementsPage() {
  const user = await requireUser();
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Elements" description="Reusable subjects: a character, a pet, a product. Mention one as @name in the studio and it looks the same in every video." />
      <ElementsGrid initial={await listElements(user.id)} />
    </div>
  );
}
