import { test, expect, signIn } from "./fixtures";
import { CEILING } from "../tests/support/ceilings";
import { testImage } from "./images";

test("an element made from three pictures, used by @name in the studio: the video renders and the gallery links back to it", async ({ page, user }) => {
  await signIn(page, user);
  await expect(page).toHaveURL(/\/studio$/);
  await page.getByRole("link", { name: "Elements", exact: true }).click();
  await expect(page.getByText("No elements yet")).toBeVisible();

  await page.getByRole("button", { name: "New element" }).click();
  const dialog = page.getByRole("dialog", { name: "New element" });
  await dialog.getByLabel("Name (the prompt says @name)").fill("Mira");
  await dialog.getByLabel("Description").fill("a woman in a red coat");
  await dialog.getByLabel("Tag").selectOption("character");
  await dialog.getByTestId("Frontal image-input").setInputFiles(testImage(640, 640, "jpg"));
  await dialog.getByTestId("Reference images-input").setInputFiles([testImage(600, 800, "jpg"), testImage(800, 600, "png")]);
  await dialog.getByRole("button", { name: "Create element" }).click();
  const card = page.getByRole("list", { name: "Elements" }).getByRole("listitem").filter({ hasText: "Mira" });
  await expect(card).toBeVisible();
  await expect(card.getByText("character")).toBeVisible();

  // A 21-character name is refused with the reason, in the dialog.
  await page.getByRole("button", { name: "New element" }).click();
  const again = page.getByRole("dialog", { name: "New element" });
  await again.getByLabel("Name (the prompt says @name)").fill("A".repeat(21));
  await again.getByTestId("Frontal image-input").setInputFiles(testImage(640, 640, "jpg"));
  await again.getByTestId("Reference images-input").setInputFiles([testImage(600, 800, "jpg")]);
  await again.getByRole("button", { name: "Create element" }).click();
  await expect(again.getByRole("alert")).toHaveText("An element's name is at most 20 characters.");
  await again.getByRole("button", { name: "Cancel" }).click();

  await page.getByRole("link", { name: "Studio", exact: true }).click();
  const prompt = page.getByLabel("Prompt", { exact: true });
  await prompt.fill("@Mi");
  await page.getByRole("option", { name: "@Mira" }).click();
  await expect(prompt).toHaveValue("@Mira ");
  await prompt.pressSequentially("walks through the rain");
  await expect(page.getByRole("list", { name: "References" }).getByText("@Mira")).toBeVisible();
  await page.getByRole("button", { name: /Generate/ }).click();
  const job = page.getByRole("article").first();
  await expect(job.getByTestId("job-status")).toHaveText("Done", { timeout: CEILING.render });

  await page.goto("/gallery");
  await page.locator('a[href^="/gallery/"]').first().click();
  await page.getByRole("region", { name: "Elements" }).getByRole("link", { name: "@Mira" }).click();
  await expect(page.getByRole("heading", { name: "Mira", level: 1 })).toBeVisible();
  await expect(page.getByRole("list", { name: "Videos with this element" }).getByRole("listitem")).toHaveCount(1);
});
