import { randomUUID } from "node:crypto";
import { test as base, expect, type Page } from "@playwright/test";

export type TestUser = { email: string; password: string; name: string };

export function freshUser(): TestUser {
  const id = randomUUID().slice(0, 8);
  return { email: `e2e-${id}@example.test`, password: `Reel-${id}-pass!`, name: `Tester ${id}` };
}

export async function signIn(page: Page, user: TestUser, path = "/signin") {
  await page.goto(path);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** Each test gets its own account, created through the public sign-up endpoint. */
export const test = base.extend<{ user: TestUser }>({
  user: async ({ request }, provide) => {
    const user = freshUser();
    const response = await request.post("/api/signup", { data: user });
    expect(response.status(), await response.text()).toBe(201);
    await provide(user);
  },
});

export { expect };
