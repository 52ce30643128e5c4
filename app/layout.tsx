import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import "./globals.css";

const description =
  "Text-to-video and image-to-video with camera control, credits and a gallery. Runs on your laptop with one command; scales out on ordinary infrastructure.";

export const metadata: Metadata = {
  title: { default: "Reelsmith — AI video studio you can host yourself", template: "%s · Reelsmith" },
  description,
  // Link previews need absolute image URLs: on the public URL when it is configured.
  ...(process.env.NEXTAUTH_URL ? { metadataBase: new URL(process.env.NEXTAUTH_URL) } : {}),
  openGraph: {
    type: "website",
    siteName: "Reelsmith",
    title: "Reelsmith — AI video studio you can host yourself",
    description,
    images: [{ url: "/og.png", width: 1200, height: 630, alt: "Reelsmith: AI video studio you can host yourself" }],
  },
  twitter: { card: "summary_large_image", images: ["/og.png"] },
};

export const viewport: Viewport = { themeColor: "#09090b", width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Rendered per request, never prerendered: each page's scripts carry that request's CSP nonce (proxy.ts).
  await connection();
  return (
    <html lang="en" className="dark">
      <body className="min-h-dvh bg-zinc-950 font-sans text-zinc-100">{children}</body>
    </html>
  );
}
