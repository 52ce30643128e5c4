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

/**
 * Collects what the Content-Security-Policy blocked in this page: the browser's
 * `securitypolicyviolation` events (reported from inside each document) and its console errors.
 */
export async function cspViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text())) seen.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`Content Security Policy violation: ${event.effectiveDirective} blocked ${event.blockedURI || "inline code"} on ${location.pathname}`);
    });
  });
  return seen;
}

/** Each test gets its own account, created through the public sign-up endpoint; every journey fails on a CSP violation. */
export const test = base.extend<{ user: TestUser }>({
  page: async ({ page }, provide) => {
    const violations = await cspViolations(page);
    await provide(page);
    expect(violations, "Content-Security-Policy violations").toEqual([]);
  },
  user: async ({ request }, provide) => {
    const user = freshUser();
    const response = await request.post("/api/signup", { data: user });
    expect(response.status(), await response.text()).toBe(201);
    await provide(user);
  },
});

export { expect };
