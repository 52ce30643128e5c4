import Link from "next/link";

/** What a finished form leaves on the page: its outcome, and where to go next when there is somewhere. */
export function FormDone({ message, next }: { message: string; next?: { href: string; label: string } }) {
  return (
    <div className="flex flex-col gap-4">
      <p role="status" className="rounded-lg border border-emerald-400/30 bg-emerald-400/10 px-3 py-2 text-sm text-emerald-200">
        {message}
      </p>
      {next && (
        <Link href={next.href} className="text-center text-sm font-medium text-accent-400 hover:underline">
          {next.label}
        </Link>
      )}
    </div>
  );
}
