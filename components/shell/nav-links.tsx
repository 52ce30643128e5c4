"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import clsx from "clsx";

const APP_NAV = [
  { href: "/studio", label: "Studio" },
  { href: "/gallery", label: "Gallery" },
  { href: "/elements", label: "Elements" },
  { href: "/pricing", label: "Pricing" },
  { href: "/account", label: "Account" },
] as const;

/** The classes of a navigation link, highlighted when it is the current section (the app's and the admin console's menus). */
export function navLinkClass(active: boolean): string {
  return clsx(
    "rounded-md px-3 py-1.5 text-sm font-medium transition-colors",
    active ? "bg-zinc-800 text-white" : "text-zinc-400 hover:bg-zinc-800/60 hover:text-white",
  );
}

export function NavLinks({ className }: { className?: string }) {
  const pathname = usePathname();
  return (
    <ul className={clsx("flex items-center gap-1", className)}>
      {APP_NAV.map((item) => {
        const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={active ? "page" : undefined}
              className={navLinkClass(active)}
            >
              {item.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
