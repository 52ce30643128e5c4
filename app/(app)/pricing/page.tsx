import type { Metadata } from "next";
import { ComingSoon } from "@/components/shell/coming-soon";
import { PageHeader } from "@/components/shell/page-header";

export const metadata: Metadata = { title: "Pricing" };

export default function PricingPage() {
  return (
    <div className="flex flex-col gap-8">
      <PageHeader title="Pricing" description="Plans with a monthly credit grant, and credit packs when you need more." />
      <ComingSoon
        items={[
          "Free, Standard, Pro and Premier plans, monthly or yearly",
          "What each plan includes: credits, professional mode, clean downloads, parallel jobs",
          "Credit packs of 330, 660 and 3,500 credits",
          "Checkout with Stripe, or an offline test mode on a laptop",
        ]}
      />
    </div>
  );
}
