const SOURCE_NAMES: Record<string, string> = {
  daily_bonus: "Daily login bonus",
  monthly_grant: "Monthly plan credits",
  purchase: "Credit pack",
  promo: "Promotional credits",
  refund: "Refunded credits",
  admin: "Credits from support",
};

export function sourceName(source: string): string {
  return SOURCE_NAMES[source] ?? source;
}

export function formatDateTime(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", { timeZone, dateStyle: "medium", timeStyle: "short" }).format(at) + (timeZone === "UTC" ? " UTC" : "");
}

/** "in 5 h", "in 3 days": how long until `at`. */
export function formatIn(at: Date, now: Date): string {
  const minutes = Math.max(0, Math.round((at.getTime() - now.getTime()) / 60_000));
  if (minutes < 60) return `in ${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `in ${hours} h`;
  return `in ${Math.round(hours / 24)} days`;
}

export function formatCredits(amount: number, signed = false): string {
  const text = Math.abs(amount).toLocaleString("en-US");
  if (!signed) return text;
  return amount > 0 ? `+${text}` : amount < 0 ? `−${text}` : text;
}
