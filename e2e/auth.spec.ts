import { test, expect, freshUser, signIn } from "./fixtures";

test("sign up, land in the app, sign out, sign in again", async ({ page }) => {
  const user = freshUser();
  await page.goto("/");
  await page.getByRole("link", { name: "Get started" }).click();
  await expect(page).toHaveURL(/\/signup/);

  await page.getByLabel("Name (optional)").fill(user.name);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page).toHaveURL(/\/studio$/);
  await expect(page.getByRole("heading", { name: "Studio" })).toBeVisible();
  const menu = page.getByRole("button", { name: `Account menu for ${user.email}` });
  await expect(menu).toBeVisible();

  await menu.click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();

  await signIn(page, user);
  await expect(page).toHaveURL(/\/studio$/);
  await expect(page.getByRole("button", { name: `Account menu for ${user.email}` })).toBeVisible();
});

test("a protected page sends a visitor to sign in and back", async ({ page, user }) => {
  await page.goto("/gallery");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fgallery/);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/gallery$/);
  await expect(page.getByRole("heading", { name: "Gallery" })).toBeVisible();
});

test("the API refuses a signed-out caller and the nav reaches every app page", async ({ page, user, playwright, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL });
  const refused = await anonymous.get("/api/me");
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toEqual({ error: { message: "Sign in to continue." } });
  await anonymous.dispose();

  await signIn(page, user);
  await expect(page).toHaveURL(/\/studio$/);
  const nav = page.getByRole("navigation", { name: "Main", exact: true });
  for (const name of ["Gallery", "Pricing", "Studio", "Account"]) {
    await nav.getByRole("link", { name }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(nav.getByRole("link", { name })).toHaveAttribute("aria-current", "page");
  }
  await expect(page.getByRole("main").getByText(user.email)).toBeVisible();
  const me = await page.request.get("/api/me");
  expect(me.status()).toBe(200);
  expect((await me.json()).user).toMatchObject({ email: user.email, name: user.name, plan: "free" });
});

test("signing up with an email that is taken says so next to the email", async ({ page, user }) => {
  await page.goto("/signup");
  await page.getByLabel("Email").fill(user.email.toUpperCase());
  await page.getByLabel("Password").fill("another-Password-9");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("An account with this email already exists. Sign in instead.")).toBeVisible();
  await expect(page).toHaveURL(/\/signup/);
});

test("a weak password is refused with the reason", async ({ page }) => {
  const user = freshUser();
  await page.goto("/signup");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill("short1");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();

  await page.getByLabel("Password").fill("onlyletterslong");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Add at least one number or symbol.")).toBeVisible();

  await page.getByLabel("Password").fill("password123");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText(/too common/)).toBeVisible();
  await expect(page).toHaveURL(/\/signup/);
});

const WRONG_CREDENTIALS = "Wrong email or password. Check both and try again.";

test("a wrong password and an unknown email get the same message, which tells no one whether the email has an account", async ({ page, user }) => {
  await signIn(page, { ...user, password: "not-the-password-1" });
  await expect(page.getByText(WRONG_CREDENTIALS)).toBeVisible();

  await signIn(page, { ...user, email: `nobody-${user.email}` });
  await expect(page.getByText(WRONG_CREDENTIALS)).toBeVisible();
  await expect(page).toHaveURL(/\/signin/);
});

test("repeated wrong passwords from one address are slowed down with growing waits", async ({ page, user }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(user.email);
  const password = page.getByLabel("Password");
  const submit = page.getByRole("button", { name: "Sign in", exact: true });
  const waitMessage = page.getByText(/Too many failed sign-ins for this email from your network\. Try again in \d+ s\./);
  const attempt = async (value: string) => {
    await password.fill(value);
    const answered = page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials"));
    await submit.click();
    await answered;
  };
  // Wrong passwords until the wait reaches 8 s (2 s, 4 s, 8 s: only failures that were let through count).
  await expect(async () => {
    await attempt("wrong-password-again-1");
    await expect(page.getByText(/Try again in (8|9|1\d) s\./)).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 60_000 });
  await attempt(user.password);
  await expect(waitMessage).toBeVisible();
  await expect(page).toHaveURL(/\/signin/);
});
