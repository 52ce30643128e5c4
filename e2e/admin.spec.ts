import type { APIRequestContext, Browser } from "@playwright/test";
import { ADMIN_E2E_EMAILS } from "../tests/support/e2e-admins";
import { e2eQuery } from "./db";
import { test, expect, freshUser, signIn, type TestUser } from "./fixtures";

/**
 * Signs up one of the ADMIN_EMAILS addresses and marks it verified (the verification journey itself
 * is mail.spec.ts's); returns a page signed in as that admin.
 */
async function adminPage(browser: Browser, request: APIRequestContext, email: (typeof ADMIN_E2E_EMAILS)[number]) {
  const admin: TestUser = { ...freshUser(), email };
  const signup = await request.post("/api/signup", { data: admin });
  expect(signup.status(), await signup.text()).toBe(201);
  await e2eQuery(`UPDATE "User" SET "emailVerified" = now() WHERE email = $1`, [email]);
  const page = await (await browser.newContext()).newPage();
  await signIn(page, admin);
  await expect(page).toHaveURL(/\/studio$/);
  return page;
}

test("an admin finds a user, grants credits with a reason, and the user sees them in their history", async ({ browser, request, page, user }) => {
  const admin = await adminPage(browser, request, ADMIN_E2E_EMAILS[0]);
  await admin.getByRole("button", { name: /Account menu/ }).click();
  await admin.getByRole("menuitem", { name: "Admin console" }).click();
  await expect(admin.getByRole("heading", { name: "Users" })).toBeVisible();
  await admin.getByRole("searchbox", { name: "Search users" }).fill(user.email);
  await admin.getByRole("button", { name: "Search" }).click();
  await expect(admin).toHaveURL(/\/admin\?q=/);
  const rows = admin.getByRole("table", { name: "Users" }).getByRole("row");
  await expect(rows).toHaveCount(2); // the header and the one match
  await admin.screenshot({ path: "e2e/screenshots/admin-users.png", fullPage: true });
  await admin.getByRole("link", { name: user.email }).click();
  await expect(admin.getByRole("heading", { name: user.email })).toBeVisible();
  await expect(admin.getByTestId("admin-balance")).toHaveText("0 credits");

  const form = admin.getByRole("form", { name: "Adjust credits" });
  await form.getByLabel("Grant or deduct").selectOption("deduct");
  await form.getByLabel("Credits").fill("5");
  await form.getByLabel("Reason").fill("Testing the floor");
  await form.getByRole("button", { name: "Apply" }).click();
  await expect(form.getByRole("alert")).toHaveText("The balance is 0 credits: a deduction cannot take it below zero. Deduct at most 0.");

  await form.getByLabel("Grant or deduct").selectOption("grant");
  await form.getByLabel("Credits").fill("120");
  await form.getByLabel("Reason").fill("Sorry about Tuesday's outage");
  await form.getByRole("button", { name: "Apply" }).click();
  await expect(admin.getByTestId("admin-balance")).toHaveText("120 credits");
  const audit = admin.getByRole("table", { name: "Audit log" });
  await expect(audit.getByRole("row", { name: /credits\.grant.*Sorry about Tuesday's outage/ })).toBeVisible();
  await expect(audit.getByRole("row")).toHaveCount(2); // the refused deduction left no trace
  await admin.screenshot({ path: "e2e/screenshots/admin-user.png", fullPage: true });

  await signIn(page, user);
  await expect(page).toHaveURL(/\/studio$/);
  await page.goto("/account");
  const history = page.getByRole("table");
  await expect(history.getByRole("row", { name: /Credits from support.*Sorry about Tuesday's outage.*\+120/ })).toBeVisible();
  await expect(page.getByTestId("credit-balance")).toHaveText("186"); // 120 + today's 66 login bonus
  await page.screenshot({ path: "e2e/screenshots/admin-grant-account.png", fullPage: true });
});

test("the console answers 404, with nothing of it, to users and to signed-out visitors", async ({ browser, page, user }) => {
  const paths = ["/admin", "/admin/jobs", "/admin/engines", "/admin/money", `/admin/users/${encodeURIComponent(user.email)}`];
  await signIn(page, user);
  await expect(page).toHaveURL(/\/studio$/);
  await page.getByRole("button", { name: /Account menu/ }).click();
  await expect(page.getByRole("menuitem", { name: "Account & credits" })).toBeVisible();
  await expect(page.getByRole("menuitem", { name: "Admin console" })).toHaveCount(0);
  const anonymous = await (await browser.newContext()).newPage();
  for (const visitor of [page, anonymous]) {
    for (const path of paths) {
      const response = await visitor.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(visitor.getByRole("heading", { name: "This page is not on the reel" })).toBeVisible();
      await expect(visitor.getByRole("navigation", { name: "Admin" })).toHaveCount(0);
      expect(visitor.url()).toContain(path.split("?")[0]);
    }
    const csv = await visitor.request.get("/api/admin/ledger-export?from=2020-01-01&to=2020-01-02");
    expect(csv.status()).toBe(404);
    expect(await csv.json()).toEqual({ error: { message: "Not found." } });
  }
  await anonymous.screenshot({ path: "e2e/screenshots/admin-404.png" });
});

test("an admin sees a failed job, retries it free, and sees the engines and money reports", async ({ browser, request, user }) => {
  const admin = await adminPage(browser, request, ADMIN_E2E_EMAILS[1]);
  const [owner] = await e2eQuery<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [user.email]);
  const userId = owner!.id;
  // A failed job, as the worker leaves one after its last attempt (no UI makes one on purpose).
  await e2eQuery(
    `INSERT INTO "Generation"(id, "userId", "batchId", kind, status, prompt, mode, "durationSeconds", "aspectRatio", params, provider, cost, "errorCode", error, "createdAt", "updatedAt", "finishedAt")
     VALUES ($1, $2, $1, 'text_to_video', 'failed', 'a paper boat', 'standard', 5, '16:9', '{"request":{"kind":"text_to_video","prompt":"a paper boat","duration":5}}', 'local', 10, 'engine_error', 'The renderer crashed.', now(), now(), now())`,
    [`e2e-failed-${userId}`, userId],
  );
  await admin.goto(`/admin/jobs?user=${encodeURIComponent(user.email)}&status=failed`);
  const row = admin.getByRole("table", { name: "Jobs" }).getByRole("row", { name: /engine_error/ });
  await expect(row).toBeVisible();
  await row.getByText("Act").click();
  const retry = row.getByRole("form", { name: "Retry" });
  await retry.getByLabel("Who pays").selectOption("free");
  await retry.getByLabel("Reason").fill("Renderer fixed");
  await retry.getByRole("button", { name: "Retry" }).click();
  await expect(admin.getByText("Retried as a new job.")).toBeVisible();
  await admin.goto(`/admin/jobs?user=${encodeURIComponent(user.email)}`);
  await expect(admin.getByRole("table", { name: "Jobs" }).getByRole("row")).toHaveCount(3);
  await admin.screenshot({ path: "e2e/screenshots/admin-jobs.png", fullPage: true });

  await admin.goto("/admin/engines");
  await expect(admin.getByRole("table", { name: "Jobs per day" }).getByRole("row", { name: /local/ }).first()).toBeVisible();
  await admin.screenshot({ path: "e2e/screenshots/admin-engines.png", fullPage: true });
  await admin.goto("/admin/money");
  await expect(admin.getByRole("form", { name: "Export the ledger" })).toBeVisible();
  await admin.screenshot({ path: "e2e/screenshots/admin-money.png", fullPage: true });
  const today = new Date().toISOString().slice(0, 10);
  const csv = await admin.request.get(`/api/admin/ledger-export?from=${today}&to=${today}`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-disposition"]).toContain(`reelsmith-ledger-${today}-to-${today}.csv`);
  expect(await csv.text()).toMatch(/^entry_id,created_at,user_id,email,reason,grant_source,amount,ref,generation_id,payment_ref,note\r\n/);
});
