/**
 * How long tests wait, in one place (vitest and Playwright alike). Every wait is on a state or an
 * event; a ceiling only ends a wait that has gone wrong, so each is generous: a busy machine makes
 * the suite slower, never red.
 */
export const CEILING = {
  /** Something the code does at once: a row written, a message delivered, a retry after its backoff. */
  state: 30_000,
  /** One video through the real queue, engine and storage (preview size in e2e, any size here). */
  render: 150_000,
  /** A test or journey that waits on several renders or retries in a row. */
  suite: 600_000,
} as const;
