import { test, expect, signIn } from "./fixtures";

test("account API keys: create shows the secret once, the list keeps only a prefix, revoke asks first", async ({ page, user }) => {
  await signIn(page, user);
  await expect(page).toHaveURL(/\/studio$/);
  await page.goto("/account");
  const section = page.getByRole("region", { name: "API keys" });
  await expect(section.getByText("No keys yet.")).toBeVisible();

  await section.getByLabel("Key name").fill("render farm");
  await section.getByRole("button", { name: "Create key" }).click();
  const secret = section.getByLabel("Secret key", { exact: true });
  await expect(secret).toHaveText(/^sk_/);
  const accessKey = (await section.getByLabel("Access key", { exact: true }).textContent())!;
  expect(accessKey).toMatch(/^ak_/);
  await expect(section.getByRole("button", { name: "Copy secret key" })).toBeVisible();
  const row = section.getByRole("row", { name: "API key render farm" });
  await expect(row).toContainText(`${accessKey.slice(0, 10)}…`);
  await expect(row).toContainText("Never");
  await page.screenshot({ path: "e2e/screenshots/account-api-keys-created.png", fullPage: true });

  await section.getByRole("button", { name: "I have saved it" }).click();
  await expect(secret).toHaveCount(0);
  await page.reload();
  await expect(section.getByLabel("Secret key", { exact: true })).toHaveCount(0);
  await expect(page.getByText(accessKey)).toHaveCount(0);
  await expect(row).toBeVisible();

  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(row.getByText("Scripts using it stop working.")).toBeVisible();
  await row.getByRole("button", { name: "Yes, revoke" }).click();
  await expect(row).toContainText("Revoked");
  await page.reload();
  await expect(section.getByRole("row", { name: "API key render farm" })).toContainText("Revoked");
  await page.screenshot({ path: "e2e/screenshots/account-api-keys-revoked.png", fullPage: true });
});
