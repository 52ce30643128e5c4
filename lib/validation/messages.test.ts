import { describe, expect, it } from "vitest";
import { z } from "zod";
import { line, text } from "./text";
import { fieldLabel } from "./messages";

const SENTENCE = /^[A-Z][\s\S]*[^.]\.$/;
const RAW = /Invalid input|expected \w+, received|Too (big|small)|[<>]=|Invalid option|Unrecognized key/;

const schema = z.strictObject({
  name: line(),
  prompt: text(),
  count: z.number().int(),
  cfgScale: z.number().min(0).max(1),
  tags: z.array(line()).max(2),
  mode: z.enum(["standard", "professional"]),
  kind: z.literal("text_to_video"),
  email: z.email(),
  nested: z.object({ seed: z.number().int() }),
  size: z.union([z.literal(5), z.literal(10)]),
});

const valid = { name: "a", prompt: "p", count: 1, cfgScale: 0.5, tags: [], mode: "standard", kind: "text_to_video", email: "a@b.co", nested: { seed: 1 }, size: 5 };

function firstMessage(input: unknown): string {
  const parsed = schema.safeParse(input);
  expect(parsed.success).toBe(false);
  return parsed.error!.issues[0]!.message;
}

describe("the one error map", () => {
  it.each([
    [{ ...valid, name: "a\u0000b" }, "The name contains a control character (U+0000); remove it."],
    [{ ...valid, name: "a\nb" }, "The name contains a control character (U+000A); remove it."],
    [{ ...valid, prompt: "x\ud800" }, "The prompt contains half of a UTF-16 character pair (U+D800); send the text as valid Unicode."],
    [{ ...valid, count: 1.5 }, "The count must be a whole number."],
    [{ ...valid, count: 9007199254740993 }, "The count is too large."],
    [{ ...valid, count: Infinity }, "The count must be a finite number."],
    [{ ...valid, count: "1" }, "The count must be a number."],
    [{ ...valid, cfgScale: 2 }, "The cfg scale must be at most 1."],
    [{ ...valid, tags: ["a", "b", "c"] }, "The tags must have at most 2 items."],
    [{ ...valid, mode: "turbo" }, 'The mode must be one of "standard", "professional".'],
    [{ ...valid, kind: "movie" }, 'The kind must be "text_to_video".'],
    [{ ...valid, email: "nope" }, "The email must be an email address, like you@example.com."],
    [{ ...valid, nested: { seed: "x" } }, "The nested seed must be a number."],
    [{ ...valid, size: 7 }, "The size must be one of 5, 10."],
    [{ ...valid, size: [5] }, "The size must be one of 5, 10."],
    [{ ...valid, extra: 1 }, "The request body has an unknown field (extra): remove it."],
    [{ ...valid, name: undefined }, "The name is required."],
    ["text", "The request body must be an object."],
  ])("words %j as a sentence naming the field", (input, message) => {
    const got = firstMessage(input);
    expect(got).toBe(message);
    expect(got).toMatch(SENTENCE);
    expect(got).not.toMatch(RAW);
  });

  it("keeps line breaks and tabs in multi-line text only", () => {
    expect(text().safeParse("one\n\ttwo").success).toBe(true);
    expect(line().safeParse("one\ttwo").success).toBe(false);
  });

  it("names fields as people read them", () => {
    expect(fieldLabel(["cameraControl", "value"])).toBe("camera control value");
    expect(fieldLabel(["external_task_id"])).toBe("external task id");
    expect(fieldLabel(["Idempotency-Key"])).toBe("Idempotency-Key");
    expect(fieldLabel(["items", 0])).toBe("items item 1");
  });
});
