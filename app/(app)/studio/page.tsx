import type { Metadata } from "next";
import { Studio } from "@/components/studio/studio";
import { requireUser } from "@/lib/auth/session";
import { pricingConfig } from "@/lib/credits/config";
import { studioCapabilities } from "@/lib/engines/routing";

export const metadata: Metadata = { title: "Studio" };

export default async function StudioPage() {
  const user = await requireUser();
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">Studio</h1>
        <p className="mt-1 text-zinc-400">Write a prompt or drop a frame, direct the camera, and watch it render.</p>
      </div>
      <Studio professionalAllowed={pricingConfig().plans[user.plan].professionalMode} capabilities={studioCapabilities()} />
    </div>
  );
}
