import Link from "next/link";

export function Logo({ href = "/" }: { href?: string }) {
  return (
    <Link href={href} className="flex items-center gap-2 font-semibold tracking-tight text-white" aria-label="Reelsmith home">
      <span aria-hidden className="grid size-8 place-items-center rounded-lg bg-gradient-to-br from-accent-400 to-fuchsia-500 shadow-lg shadow-accent-500/30">
        <svg viewBox="0 0 24 24" className="size-4.5 fill-white">
          <path d="M8 5.5v13a1 1 0 0 0 1.52.85l10.4-6.5a1 1 0 0 0 0-1.7L9.52 4.65A1 1 0 0 0 8 5.5Z" />
        </svg>
      </span>
      <span className="text-lg">Reelsmith</span>
    </Link>
  );
}
