import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { test, expect, signIn } from "./fixtures";
import { testImage } from "./images";

// The page fixture (fixtures.ts) fails a test on any CSP violation; these journeys visit every kind of page.

/** Next.js's inline scripts ran (they are what a policy without the right nonce blocks). */
const inlineScriptsRan = (page: Page) => page.waitForFunction(() => Array.isArray((self as unknown as { __next_f?: unknown }).__next_f));

test("public pages work under their Content-Security-Policy, which carries a fresh nonce each time", async ({ page }) => {
  const first = await page.goto("/");
  const policy = first!.headers()["content-security-policy"]!;
  expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(policy).toContain("frame-ancestors 'none'");
  expect(first!.headers()).toMatchObject({ "x-frame-options": "DENY", "x-content-type-options": "nosniff", "referrer-policy": "strict-origin-when-cross-origin" });
  // Served over plain http here: no HSTS.
  expect(first!.headers()["strict-transport-security"]).toBeUndefined();
  const again = await page.goto("/");
  expect(again!.headers()["content-security-policy"]).not.toBe(policy);

  for (const path of ["/", "/pricing", "/docs/api", "/signin"]) {
    const response = await page.goto(path);
    expect(response!.headers()["content-security-policy"], path).toContain("'strict-dynamic'");
    await inlineScriptsRan(page);
    await page.waitForLoadState("networkidle");
  }
  // The sign-up form hydrated: its own check answers instead of the browser submitting the form.
  await page.goto("/signup");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  expect(new URL(page.url()).search).toBe("");
});

test("the signed-in app (studio with an image preview, gallery, account) works under the policy", async ({ page, user }) => {
  await signIn(page, user);
  await expect(page).toHaveURL(/\/studio$/);
  await page.getByRole("tab", { name: "Image to Video" }).click();
  await page.getByTestId("Start frame-input").setInputFiles(testImage(640, 360));
  await expect(page.getByAltText("Start frame preview")).toBeVisible();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Gallery" }).click();
  await expect(page).toHaveURL(/\/gallery$/);
  await inlineScriptsRan(page);
  await page.goto("/account");
  await inlineScriptsRan(page);
  await page.waitForLoadState("networkidle");
});

test("API answers and media refuse to be framed or sniffed, and media sends no referrer", async ({ page, request, user }) => {
  const health = await request.get("/api/health");
  expect(health.headers()).toMatchObject({ "content-security-policy": "default-src 'none'; frame-ancestors 'none'", "x-frame-options": "DENY", "x-content-type-options": "nosniff" });
  // /v1 gets the API policy from next.config.ts once proxy.ts leaves it alone; framing is refused either way.
  const v1 = await request.get("/v1/videos/text2video/none");
  expect(v1.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(v1.headers()).toMatchObject({ "x-frame-options": "DENY", "x-content-type-options": "nosniff" });

  await signIn(page, user);
  await expect(page).toHaveURL(/\/studio$/);
  const upload = await page.request.post("/api/uploads", { multipart: { file: { name: "frame.png", mimeType: "image/png", buffer: readFileSync(testImage(640, 360)) } } });
  expect(upload.status()).toBe(201);
  const { asset } = (await upload.json()) as { asset: { url: string } };
  const media = await page.request.get(asset.url);
  expect(media.status()).toBe(200);
  expect(media.headers()).toMatchObject({ "referrer-policy": "no-referrer", "x-frame-options": "DENY", "x-content-type-options": "nosniff" });
  // Opened on its own, the image shows without a violation (the fixture checks).
  await page.goto(asset.url);
  await expect(page.locator("img")).toBeVisible();
});
