import { test, expect, signIn } from "./fixtures";
import { holdRunningJob } from "./held-job";

// Screenshots for people to look at (e2e/screenshots, git-ignored), and the checks a
// look would make: nothing overflows sideways at phone width.
const WIDTHS = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "phone", width: 375, height: 740 },
];

for (const size of WIDTHS) {
  test(`landing, sign-up and the app shell fit a ${size.name} screen`, async ({ page, user }) => {
    await page.setViewportSize({ width: size.width, height: size.height });
    const noSidewaysScroll = async () =>
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("AI video");
    await expect(page.getByRole("link", { name: /Start creating/ })).toBeVisible();
    await noSidewaysScroll();
    await page.screenshot({ path: `e2e/screenshots/landing-${size.name}.png`, fullPage: true });

    await page.goto("/signup");
    await expect(page.getByRole("heading", { name: "Create your account" })).toBeVisible();
    await noSidewaysScroll();
    await page.screenshot({ path: `e2e/screenshots/signup-${size.name}.png` });

    await signIn(page, user);
    await expect(page).toHaveURL(/\/studio$/);
    await expect(page.getByRole("button", { name: `Account menu for ${user.email}` })).toBeVisible();
    await noSidewaysScroll();
    await page.getByRole("button", { name: `Account menu for ${user.email}` }).click();
    await expect(page.getByRole("menu", { name: "Account" })).toBeVisible();
    await page.screenshot({ path: `e2e/screenshots/app-shell-${size.name}.png` });
  });
}

for (const size of WIDTHS) {
  test(`the studio with a running job fits a ${size.name} screen`, async ({ page, user }) => {
    await page.setViewportSize({ width: size.width, height: size.height });
    await signIn(page, user);
    await expect(page).toHaveURL(/\/studio$/);
    // A job held at 40 %: the layout is looked at mid-render, whatever the machine's speed.
    await holdRunningJob(user.email, "Waves rolling onto a black sand beach under a stormy sunset");
    await page.reload();
    const card = page.getByRole("article").first();
    await expect(card.getByTestId("job-status")).toHaveText("Rendering");
    await expect(page.getByRole("progressbar", { name: "Render progress" })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `e2e/screenshots/studio-running-${size.name}.png`, fullPage: size.name === "desktop" });
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `e2e/screenshots/studio-job-${size.name}.png` });
  });
}
