import type { Metadata } from "next";
import { GalleryFilters } from "@/components/gallery/gallery-filters";
import { GalleryGrid } from "@/components/gallery/gallery-grid";
import { galleryHref, listFilter, PAGE_SIZE, parseGalleryQuery } from "@/components/gallery/query";
import { PageHeader } from "@/components/shell/page-header";
import { requireUser } from "@/lib/auth/session";
import { pricingConfig } from "@/lib/credits/config";
import { presentGeneration } from "@/lib/generations/present";
import { listGenerations } from "@/lib/generations/queries";

export const metadata: Metadata = { title: "Gallery" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function GalleryPage({ searchParams }: Props) {
  const user = await requireUser();
  const raw = await searchParams;
  const query = parseGalleryQuery({ get: (name) => [raw[name]].flat()[0] ?? null });
  const { items, next } = await listGenerations(user.id, { ...listFilter(query), limit: PAGE_SIZE });
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Gallery" description="Every video you generate lands here, newest first." />
      <GalleryFilters query={query} />
      <GalleryGrid key={galleryHref(query)} query={query} first={{ items: items.map(presentGeneration), next }} timeZone={pricingConfig().timeZone} />
    </div>
  );
}
