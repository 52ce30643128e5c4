import type { Metadata } from "next";
import { ComingSoon } from "@/components/shell/coming-soon";
import { PageHeader } from "@/components/shell/page-header";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Studio" };

export default async function StudioPage() {
  const user = await requireUser();
  return (
    <div className="flex flex-col gap-8">
      <PageHeader title="Studio" description={`Welcome${user.name ? `, ${user.name}` : ""}. This is where you write a prompt or drop a frame and direct the shot.`} />
      <ComingSoon
        items={[
          "Text to Video and Image to Video tabs",
          "Prompt and negative prompt, with a prompt helper",
          "Start and end frames by drag and drop",
          "Camera movement: six axes or four master shots, with a live preview",
          "Creativity ↔ relevance, mode, length, aspect ratio, number of generations",
          "The credit cost on the Generate button, and a live job feed",
        ]}
      />
    </div>
  );
}
