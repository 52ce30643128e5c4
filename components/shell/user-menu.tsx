"use client";

import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";
import { signOut } from "@/components/auth/sign-out";

function initials(name: string | null, email: string) {
  const source = name?.trim() || email;
  return source
    .split(/[\s@._-]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join("");
}

export function UserMenu({ email, name, plan, admin = false }: { email: string; name: string | null; plan: string; admin?: boolean }) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const menuId = useId();

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") setOpen(false);
    };
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  return (
    <div ref={ref} className="relative">
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={menuId}
        aria-label={`Account menu for ${email}`}
        onClick={() => setOpen((v) => !v)}
        className="flex items-center gap-2 rounded-full border border-zinc-800 bg-zinc-900 py-1 pr-3 pl-1 text-sm text-zinc-200 hover:border-zinc-700"
      >
        <span aria-hidden className="grid size-7 place-items-center rounded-full bg-gradient-to-br from-accent-400 to-fuchsia-500 text-xs font-semibold text-white">
          {initials(name, email)}
        </span>
        <span className="hidden max-w-40 truncate sm:inline">{name || email}</span>
      </button>
      {open && (
        <div id={menuId} role="menu" aria-label="Account" className="absolute right-0 z-40 mt-2 w-64 overflow-hidden rounded-xl border border-zinc-800 bg-zinc-900 shadow-2xl shadow-black/50">
          <div className="border-b border-zinc-800 px-4 py-3">
            <p className="truncate text-sm font-medium text-white">{name || email}</p>
            <p className="truncate text-xs text-zinc-400">{email}</p>
            <p className="mt-2 inline-block rounded-full bg-accent-500/15 px-2 py-0.5 text-xs font-medium text-accent-400 capitalize">{plan} plan</p>
          </div>
          <Link role="menuitem" href="/account" onClick={() => setOpen(false)} className="block px-4 py-2.5 text-sm text-zinc-300 hover:bg-zinc-800 hover:text-white">
            Account & credits
          </Link>
          {admin && (
            <Link role="menuitem" href="/admin" onClick={() => setOpen(false)} className="block px-4 py-2.5 text-sm text-zinc-300 hover:bg-zinc-800 hover:text-white">
              Admin console
            </Link>
          )}
          <button
            role="menuitem"
            type="button"
            onClick={() => void signOut("/")}
            className="block w-full px-4 py-2.5 text-left text-sm text-zinc-300 hover:bg-zinc-800 hover:text-white"
          >
            Sign out
          </button>
        </div>
      )}
    </div>
  );
}
