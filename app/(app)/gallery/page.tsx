import type { Metadata } from "next";
import { ComingSoon } from "@/components/shell/coming-soon";
import { PageHeader } from "@/components/shell/page-header";

export const metadata: Metadata = { title: "Gallery" };

export default function GalleryPage() {
  return (
    <div className="flex flex-col gap-8">
      <PageHeader title="Gallery" description="Every video you generate lands here." />
      <ComingSoon
        items={[
          "A grid of your generations, newest first, with hover previews",
          "Filters by kind, status and favourites; search in prompts",
          "A player that seeks, with the full settings of each clip",
          "Download, favourite, delete, reuse settings and extend",
        ]}
      />
    </div>
  );
}
