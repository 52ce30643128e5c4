import { test, expect, freshUser, signIn } from "./fixtures";
import { linkFromMail, mailTo } from "./mail";

test("sign up → verification mail → link → verified, and the banner goes", async ({ page }) => {
  const user = freshUser();
  await page.goto("/signup");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/studio$/);
  const banner = page.getByRole("region", { name: "Email verification" });
  await expect(banner).toContainText(`Verify your email. We sent a link to ${user.email}`);
  await page.screenshot({ path: test.info().outputPath("studio-banner.png") });

  const link = await linkFromMail(user.email, /^Verify your email/, "/verify-email");
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Email verified" })).toBeVisible();
  await expect(page.getByRole("status")).toHaveText(`${user.email} is verified.`);
  await page.screenshot({ path: test.info().outputPath("verify-result.png") });

  await page.getByRole("link", { name: "Go to the studio" }).click();
  await expect(page.getByRole("heading", { name: "Studio" })).toBeVisible();
  await expect(banner).toHaveCount(0);

  // The same link a second time changes nothing and says why.
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "We could not verify your email" })).toBeVisible();
  await expect(page.getByText("This verification link was already used.")).toBeVisible();
});

test("forgot password → mail → new password → the old session elsewhere is signed out", async ({ page, user, browser }) => {
  // The old session: signed in in one browser.
  await signIn(page, user);
  await expect(page).toHaveURL(/\/studio$/);

  // Another browser asks for a reset.
  const other = await browser.newContext();
  const tab = await other.newPage();
  await tab.goto("/signin");
  await tab.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(tab.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await tab.getByLabel("Email").fill(user.email);
  await tab.getByRole("button", { name: "Send reset link" }).click();
  await expect(tab.getByRole("status")).toContainText("If an account uses this email, we sent it a link");

  await tab.goto(await linkFromMail(user.email, /^Reset your Reelsmith password/, "/reset-password"));
  await expect(tab.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await tab.screenshot({ path: test.info().outputPath("reset-form.png") });
  const password = `${user.password}-new`;
  await tab.getByLabel("New password", { exact: true }).fill(password);
  await tab.getByLabel("Repeat the new password").fill(`${password}x`);
  await tab.getByRole("button", { name: "Set new password" }).click();
  await expect(tab.getByText("The two passwords differ. Type the same one twice.")).toBeVisible();
  await tab.getByLabel("Repeat the new password").fill(password);
  await tab.getByRole("button", { name: "Set new password" }).click();
  await expect(tab.getByRole("status")).toHaveText("Your password was changed. Sign in with the new one.");
  expect((await mailTo(user.email, /^Your Reelsmith password was changed/)).text).toContain("Every other signed-in session was signed out.");

  await signIn(tab, { ...user, password });
  await expect(tab).toHaveURL(/\/studio$/);

  // The first browser's session has ended: its pages send it to sign in, its API calls are refused.
  await page.goto("/studio");
  await expect(page).toHaveURL(/\/signin/);
  expect((await page.request.get("/api/me")).status()).toBe(401);
  await signIn(page, user);
  await expect(page.getByText("Wrong email or password. Check both and try again.")).toBeVisible();
  await other.close();
});

test("the account page changes the email (through a link to the new one) and the password, staying signed in", async ({ page, user }) => {
  await signIn(page, user);
  await expect(page).toHaveURL(/\/studio$/);
  await page.goto("/account");
  const settings = page.getByRole("region", { name: "Sign-in" });
  await page.screenshot({ path: test.info().outputPath("account-sign-in.png"), fullPage: true });

  const newEmail = `moved-${user.email}`;
  const emailForm = settings.getByRole("form", { name: "Change email" });
  await emailForm.getByLabel("New email").fill(newEmail);
  await emailForm.getByLabel("Current password").fill(user.password);
  await emailForm.getByRole("button", { name: "Send confirmation link" }).click();
  await expect(emailForm.getByRole("status")).toContainText(`We sent a link to ${newEmail}.`);
  await page.goto(await linkFromMail(newEmail, /^Confirm your new email/, "/verify-email"));
  await expect(page.getByRole("heading", { name: "Email changed" })).toBeVisible();
  await expect(page.getByRole("status")).toHaveText(`Your account now uses ${newEmail}.`);
  expect((await mailTo(user.email, /^Your Reelsmith email was changed/)).text).toContain(`to ${newEmail}`);

  await page.goto("/account");
  const passwordForm = page.getByRole("form", { name: "Change password" });
  const password = `${user.password}-2`;
  await passwordForm.getByLabel("Current password").fill(user.password);
  await passwordForm.getByLabel("New password").fill(password);
  await passwordForm.getByRole("button", { name: "Change password" }).click();
  await expect(passwordForm.getByRole("status")).toHaveText("Your password was changed. Every other device was signed out.");
  // This browser signed in again with the new password: it is still in.
  await page.goto("/account");
  await expect(page.getByRole("heading", { level: 1, name: "Account" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Email verification" })).toHaveCount(0);
  await mailTo(newEmail, /^Your Reelsmith password was changed/);
});
