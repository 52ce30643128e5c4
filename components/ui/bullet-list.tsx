import clsx from "clsx";

export function BulletList({ items, className }: { items: string[]; className?: string }) {
  return (
    <ul className={clsx("flex flex-col gap-2 text-sm", className)}>
      {items.map((item) => (
        <li key={item} className="flex gap-2">
          <span aria-hidden className="mt-2 size-1.5 shrink-0 rounded-full bg-accent-400" />
          {item}
        </li>
      ))}
    </ul>
  );
}
