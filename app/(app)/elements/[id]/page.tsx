import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DeleteElement } from "@/components/elements/delete-element";
import { PageHeader } from "@/components/shell/page-header";
import { requireUser } from "@/lib/auth/session";
import { elementWithVideos } from "@/lib/elements/elements";
import { ElementError } from "@/lib/elements/errors";

export const metadata: Metadata = { title: "Element" };

type Props = { params: Promise<{ id: string }> };

async function load(userId: string, id: string) {
  try {
    return await elementWithVideos(userId, id);
  } catch (error) {
    if (error instanceof ElementError) notFound();
    throw error;
  }
}

/** One element: its pictures and the videos it appears in. */
export default async function ElementPage({ params }: Props) {
  const user = await requireUser();
  const { element, videos } = await load(user.id, (await params).id);
  const pictures = [element.frontalImage, ...element.referenceImages].filter((p) => p !== null);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={element.name} description={element.description || `A ${element.tag} element. Mention it as @${element.name} in a prompt.`}>
        <DeleteElement id={element.id} name={element.name} />
      </PageHeader>
      <ul className="grid grid-cols-2 gap-3 sm:grid-cols-4" aria-label="Pictures">
        {pictures.map((picture, i) => (
          <li key={picture.id} className="aspect-square overflow-hidden rounded-xl border border-zinc-800 bg-zinc-950">
            {/* eslint-disable-next-line @next/next/no-img-element -- an authorised media URL, not a static asset */}
            <img src={picture.url} alt={i === 0 ? `${element.name}, frontal` : `${element.name}, reference ${i}`} className="size-full object-cover" />
          </li>
        ))}
      </ul>
      <section className="flex flex-col gap-3">
        <h2 className="text-lg font-semibold">Videos with {element.name}</h2>
        {videos.length === 0 ? (
          <p className="text-zinc-400">None yet: write @{element.name} in a prompt in the studio.</p>
        ) : (
          <ul className="grid grid-cols-2 gap-3 sm:grid-cols-4" aria-label="Videos with this element">
            {videos.map((video) => (
              <li key={video.id}>
                <Link href={`/gallery/${video.id}`} className="block overflow-hidden rounded-xl border border-zinc-800 bg-zinc-900/60">
                  <div className="aspect-video bg-zinc-950">
                    {video.posterUrl && (
                      // eslint-disable-next-line @next/next/no-img-element -- an authorised media URL, not a static asset
                      <img src={video.posterUrl} alt="" loading="lazy" className="size-full object-cover" />
                    )}
                  </div>
                  <p className="truncate p-2 text-sm text-zinc-300">{video.prompt || "(no prompt)"}</p>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
