import { describe, expect, it } from "vitest";
import { adminEmailsFrom, firstAccountRuleApplies } from "./role-rules";

describe("ADMIN_EMAILS", () => {
  it("is comma-separated, trimmed and case-insensitive; blanks are ignored", () => {
    expect([...adminEmailsFrom(" Ops@Example.com, ,boss@example.com ,")]).toEqual(["ops@example.com", "boss@example.com"]);
    expect(adminEmailsFrom(undefined).size).toBe(0);
    expect(adminEmailsFrom(" , ").size).toBe(0);
  });

  it("turns the first-account rule off, as does a DATABASE_URL", () => {
    expect(firstAccountRuleApplies({})).toBe(true);
    expect(firstAccountRuleApplies({ ADMIN_EMAILS: "a@b.c" })).toBe(false);
    expect(firstAccountRuleApplies({ ADMIN_EMAILS: " , " })).toBe(true);
    expect(firstAccountRuleApplies({ DATABASE_URL: "postgresql://db/x" })).toBe(false);
  });
});
