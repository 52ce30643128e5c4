"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { navLinkClass } from "@/components/shell/nav-links";

const SECTIONS = [
  { href: "/admin", label: "Users" },
  { href: "/admin/jobs", label: "Jobs" },
  { href: "/admin/engines", label: "Engines" },
  { href: "/admin/money", label: "Money" },
] as const;

export function AdminNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Admin" className="flex flex-wrap gap-1 border-b border-zinc-800 pb-3">
      {SECTIONS.map((s) => {
        const active = s.href === "/admin" ? pathname === "/admin" || pathname.startsWith("/admin/users") : pathname.startsWith(s.href);
        return (
          <Link
            key={s.href}
            href={s.href}
            aria-current={active ? "page" : undefined}
            className={navLinkClass(active)}
          >
            {s.label}
          </Link>
        );
      })}
    </nav>
  );
}
