import { e2eQuery } from "./db";
import { test, expect, signIn } from "./fixtures";

test("test mode: a free user buys Standard, then a pack, then cancels; credits and professional mode follow", async ({ page, user }) => {
  await signIn(page, user);
  await expect(page).toHaveURL(/\/studio$/);
  const balance = page.getByTestId("credit-balance");
  await expect(balance).toHaveText("66");
  await expect(page.getByRole("radio", { name: /Pro 1080p/ })).toHaveAttribute("aria-disabled", "true");

  await page.goto("/pricing");
  await expect(page.getByText("Test mode — no real payment")).toBeVisible();
  await expect(page.getByRole("listitem", { name: "Free plan" }).getByText("Current plan")).toBeVisible();
  // The buy buttons are enabled once the page is interactive.
  await expect(page.getByRole("button", { name: "Choose Standard" })).toBeEnabled();
  await page.getByRole("radio", { name: /Yearly/ }).click();
  await expect(page.getByRole("listitem", { name: "Standard plan" })).toContainText("$96 / year");
  await page.getByRole("radio", { name: "Monthly" }).click();
  await page.getByRole("button", { name: "Choose Standard" }).click();

  await expect(page).toHaveURL(/\/billing\/test-checkout\//);
  await expect(page.getByText("Test mode — no real payment")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Standard plan, billed monthly" })).toBeVisible();
  await page.getByRole("button", { name: "Complete purchase" }).click();

  await expect(page).toHaveURL(/\/account\?purchase=ok$/);
  await expect(page.getByText("your purchase is complete")).toBeVisible();
  await expect(balance).toHaveText("726");
  await expect(page.getByText(/^Renews on /)).toBeVisible();
  await page.getByRole("button", { name: /Account menu/i }).click();
  await expect(page.getByRole("menu", { name: "Account" }).getByText("standard plan")).toBeVisible();
  await page.keyboard.press("Escape");

  await page.goto("/studio");
  await expect(page.getByRole("radio", { name: /Pro 1080p/ })).not.toHaveAttribute("aria-disabled", "true");

  await page.goto("/pricing");
  await expect(page.getByRole("listitem", { name: "Standard plan" }).getByText("Current plan")).toBeVisible();
  await page.getByRole("listitem", { name: "330 credit pack" }).getByRole("button").click();
  await page.getByRole("button", { name: "Complete purchase" }).click();
  await expect(page).toHaveURL(/\/account\?purchase=ok$/);
  await expect(balance).toHaveText("1,056");

  await page.getByRole("button", { name: "Cancel plan" }).click();
  await page.getByRole("button", { name: "Yes, cancel" }).click();
  await expect(page.getByText(/^Cancelled: active until .*, then Free\.$/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Cancel plan" })).toHaveCount(0);
  await expect(balance).toHaveText("1,056");
  await page.screenshot({ path: "e2e/screenshots/billing-account.png", fullPage: true });

  // The clock moves past the end of the paid period: the plan is over, the credits are not.
  await e2eQuery(`UPDATE "Subscription" SET "currentPeriodEnd" = now() - interval '1 minute' WHERE "userId" = (SELECT id FROM "User" WHERE email = $1)`, [user.email]);
  await page.reload();
  await expect(page.getByRole("heading", { name: "Plan" }).locator("xpath=..").getByText("Free", { exact: true })).toBeVisible();
  await expect(balance).toHaveText("1,056");
  await page.goto("/studio");
  await expect(page.getByRole("radio", { name: /Pro 1080p/ })).toHaveAttribute("aria-disabled", "true");
});

test("pricing is public: a visitor sees plans and packs, and choosing one starts with an account", async ({ page }) => {
  await page.goto("/pricing");
  await expect(page).toHaveURL(/\/pricing$/);
  await expect(page.getByRole("listitem", { name: "Standard plan" })).toContainText("$10 / month");
  await expect(page.getByRole("listitem", { name: "3,500 credit pack" })).toContainText("$50");
  await expect(page.getByText("Current plan")).toHaveCount(0);
  await page.screenshot({ path: "e2e/screenshots/pricing-public.png", fullPage: true });
  await page.getByRole("listitem", { name: "Pro plan" }).getByRole("link", { name: "Choose Pro" }).click();
  await expect(page).toHaveURL(/\/signup\?callbackUrl=%2Fpricing$/);
});

test("test mode: a checkout link of another account completes nothing", async ({ page, user, browser, request }) => {
  await signIn(page, user);
  await expect(page).toHaveURL(/\/studio$/);
  const response = await page.request.post("/api/billing/checkout", { data: { kind: "pack", packId: "pack_660" } });
  expect(response.status()).toBe(200);
  const { url } = (await response.json()) as { url: string };

  const other = { ...user, email: `other-${user.email}` };
  expect((await request.post("/api/signup", { data: other })).status()).toBe(201);
  const otherPage = await (await browser.newContext()).newPage();
  await signIn(otherPage, other);
  await expect(otherPage).toHaveURL(/\/studio$/);
  await otherPage.goto(url);
  await expect(otherPage.getByText("belongs to another account")).toBeVisible();
  await expect(otherPage.getByRole("button", { name: "Complete purchase" })).toHaveCount(0);
  await expect(otherPage.getByTestId("credit-balance")).toHaveText("66");
});
