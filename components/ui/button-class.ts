import clsx from "clsx";

// Apart from the components, so server-rendered pages can style a plain link without importing next/link.
export type Variant = "primary" | "secondary" | "ghost";
export type Size = "sm" | "md" | "lg";

const base =
  "inline-flex items-center justify-center gap-2 rounded-lg font-medium transition-colors disabled:cursor-not-allowed disabled:opacity-50 whitespace-nowrap";
const variants: Record<Variant, string> = {
  primary: "bg-accent-500 text-white shadow-lg shadow-accent-500/20 hover:bg-accent-600",
  secondary: "border border-zinc-700 bg-zinc-900 text-zinc-100 hover:border-zinc-600 hover:bg-zinc-800",
  ghost: "text-zinc-300 hover:bg-zinc-800/70 hover:text-white",
};
const sizes: Record<Size, string> = { sm: "h-8 px-3 text-sm", md: "h-10 px-4 text-sm", lg: "h-12 px-6 text-base" };

export function buttonClass(variant: Variant = "primary", size: Size = "md", extra?: string) {
  return clsx(base, variants[variant], sizes[size], extra);
}

