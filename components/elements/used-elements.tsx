import Link from "next/link";
import { elementsOfGeneration } from "@/lib/elements/elements";

/** A video's elements, each a link to its page (a deleted one by name only). Renders nothing for a video without any. */
export async function UsedElements({ userId, generationId }: { userId: string; generationId: string }) {
  const elements = await elementsOfGeneration(userId, generationId);
  if (elements.length === 0) return null;
  return (
    <section aria-label="Elements" className="flex flex-col gap-1.5">
      <h2 className="text-sm font-medium text-zinc-300">Elements</h2>
      <ul className="flex flex-wrap gap-2">
        {elements.map((element, i) => (
          <li key={element.id ?? `deleted-${i}`}>
            {element.id ? (
              <Link href={`/elements/${element.id}`} className="rounded-full border border-zinc-700 bg-zinc-900 px-3 py-1 text-sm text-zinc-100 hover:border-zinc-500">
                @{element.name}
              </Link>
            ) : (
              <span className="rounded-full border border-zinc-800 px-3 py-1 text-sm text-zinc-500" title="This element was deleted">
                @{element.name}
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
