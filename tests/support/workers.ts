/**
 * Test files vitest runs at once. Each integration worker gets a database of its own (a copy of the
 * migrated test database), so one file's clock-moving sweeps and queues never touch another's rows.
 */
export const TEST_WORKERS = 2;
