/** ADMIN_EMAILS as a set of lower-cased addresses (comma-separated; blanks ignored). */
export function adminEmailsFrom(value: string | undefined): Set<string> {
  return new Set(
    (value ?? "")
      .split(",")
      .map((email) => email.trim().toLowerCase())
      .filter(Boolean),
  );
}

/** The first account is the admin only on an embedded install (no DATABASE_URL) with no ADMIN_EMAILS. */
export function firstAccountRuleApplies(env: Record<string, string | undefined>): boolean {
  return !env.DATABASE_URL && adminEmailsFrom(env.ADMIN_EMAILS).size === 0;
}
