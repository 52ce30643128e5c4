import { test, expect, signIn } from "./fixtures";

test("a new user sees 66 credits in the header and the bonus on the Account page", async ({ page, user }) => {
  await signIn(page, user);
  await expect(page).toHaveURL(/\/studio$/);
  await expect(page.getByTestId("credit-balance")).toHaveText("66");

  await page.getByRole("link", { name: /66 credits/ }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("heading", { name: "Free" })).toBeHidden(); // the plan name is text, not a heading
  await expect(page.getByText("Free", { exact: true })).toBeVisible();
  const buckets = page.getByRole("list", { name: "Credits by bucket, spent in this order" });
  await expect(buckets.getByText("Daily login bonus")).toBeVisible();
  await expect(buckets.getByText(/Expires .* \(in \d+ (min|h)\)/)).toBeVisible();
  const history = page.getByRole("table");
  await expect(history.getByRole("row", { name: /Daily login bonus.*\+66/ })).toBeVisible();
  await page.screenshot({ path: "e2e/screenshots/account.png", fullPage: true });
});

test("the price endpoint prices a request on the server and explains what blocks it", async ({ page, user }) => {
  await signIn(page, user);
  await expect(page).toHaveURL(/\/studio$/);

  const standard = await page.request.post("/api/credits/price", {
    data: { kind: "text_to_video", prompt: "a paper boat on a rainy street", duration: 10, count: 2 },
  });
  expect(standard.status()).toBe(200);
  expect(await standard.json()).toMatchObject({ price: { perGeneration: 20, count: 2, total: 40 }, balance: 66, blocked: null });

  const tooMuch = await page.request.post("/api/credits/price", {
    data: { kind: "text_to_video", prompt: "a paper boat", duration: 10, count: 4, audio: true },
  });
  expect(await tooMuch.json()).toMatchObject({
    price: { total: 160 },
    blocked: { code: "insufficient_credits", message: "This costs 160 credits and your balance is 66." },
  });

  const professional = await page.request.post("/api/credits/price", { data: { kind: "text_to_video", prompt: "x", mode: "professional" } });
  expect((await professional.json()).blocked).toMatchObject({ code: "plan_required" });

  const bad = await page.request.post("/api/credits/price", { data: { kind: "text_to_video", prompt: "x", duration: 16, price: 1 } });
  expect(bad.status()).toBe(422);
  expect((await bad.json()).error.message).toMatch(/Length must be a whole number of seconds from 3 to 15|unknown field/);
});
