import { BulletList } from "@/components/ui/bullet-list";

/** Says what a page will hold, until the issue that builds it lands. */
export function ComingSoon({ items }: { items: string[] }) {
  return (
    <div className="rounded-2xl border border-dashed border-zinc-800 bg-zinc-900/40 p-6 sm:p-8">
      <p className="text-sm font-medium text-zinc-300">Coming to this page</p>
      <BulletList items={items} className="mt-3 grid text-zinc-400 sm:grid-cols-2" />
    </div>
  );
}
