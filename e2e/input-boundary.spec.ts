import { test, expect, signIn } from "./fixtures";

// The input boundary on the production server, where the proxy and Next's own body handling
// sit in front of the route handlers.

test("sign-in and sign-up never send anyone off the site, whatever callbackUrl says", async ({ page, user }) => {
  for (const path of ["/signin", "/signup"]) {
    for (const callbackUrl of ["/%09/evil.example", "/%0a/evil.example", "/%0d/evil.example", "//evil.example", "/%5Cevil.example"]) {
      const response = await page.request.get(`${path}?callbackUrl=${callbackUrl}`, { maxRedirects: 0 });
      expect(response.status(), `${path}?callbackUrl=${callbackUrl}`).toBe(200);
    }
  }

  // A signed-out visitor who follows the hostile link and signs in lands in the studio.
  await signIn(page, user, "/signin?callbackUrl=/%09/evil.example");
  await expect(page).toHaveURL(/\/studio$/);

  // Signed in, the sign-in page redirects at once: to the studio, never to the tab-smuggled host.
  for (const callbackUrl of ["/%09/evil.example", "/%0a/evil.example", "/%0d/evil.example"]) {
    const response = await page.request.get(`/signin?callbackUrl=${callbackUrl}`, { maxRedirects: 0 });
    expect(response.status(), callbackUrl).toBe(307);
    expect(response.headers().location, callbackUrl).toBe("/studio");
  }
});

test("/v1 takes a 10.7 MB body whole (the proxy does not cut it at 10 MB), and /api refuses oversized bodies with 413", async ({ page, user }) => {
  await signIn(page, user);
  await expect(page).toHaveURL(/\/studio$/);
  const created = await page.request.post("/api/api-keys", { data: { name: "e2e boundary" } });
  const key = (await created.json()) as { accessKey: string; secretKey: string };

  // 8 MB of base64 and a wrong cfg_scale: only a body read to its end can be refused for cfg_scale
  // (nothing is stored or rendered for it).
  const body = JSON.stringify({ image: "A".repeat(10_700_000), cfg_scale: 5 });
  const answer = await page.request.post("/v1/videos/image2video", {
    headers: { authorization: `Bearer ${key.accessKey}.${key.secretKey}`, "content-type": "application/json" },
    data: body,
  });
  expect(answer.status()).toBe(400);
  expect(await answer.json()).toMatchObject({ code: 1201, message: "Invalid cfg_scale: from 0 to 1." });

  const big = await page.request.post("/api/signup", { headers: { "content-type": "application/json" }, data: JSON.stringify({ name: "x".repeat(400_000) }) });
  expect(big.status()).toBe(413);
  expect(await big.json()).toEqual({ error: { message: "The request body is larger than the 256 KB limit." } });
});
