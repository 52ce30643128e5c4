import Link from "next/link";

/** What a finished auth form leaves on the page: its outcome and where to go next. */
export function FormDone({ message, href, label }: { message: string; href: string; label: string }) {
  return (
    <div className="flex flex-col gap-4">
      <p role="status" className="rounded-lg border border-emerald-400/30 bg-emerald-400/10 px-3 py-2 text-sm text-emerald-200">
        {message}
      </p>
      <Link href={href} className="text-center text-sm font-medium text-accent-400 hover:underline">
        {label}
      </Link>
    </div>
  );
}
