export const ADMIN_PAGE_SIZE = 25;

export type Paged<T> = { rows: T[]; page: number; pages: number; total: number };

export function paged<T>(rows: T[], total: number, page: number, pageSize = ADMIN_PAGE_SIZE): Paged<T> {
  return { rows, page, total, pages: Math.max(1, Math.ceil(total / pageSize)) };
}

/** `text` as a LIKE pattern matching it anywhere, its own % _ and \ taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
