/**
 * The abort reason of a job whose worker is shutting down and hands it back to the queue: a
 * remote engine leaves its task running at the provider (the next worker resumes it), where any
 * other abort (a cancel, a takeover) stops the provider's work too.
 */
export class HandBack extends Error {
  constructor() {
    super("This worker is shutting down; the job goes back to the queue.");
  }
}

export const isHandBack = (signal: AbortSignal): boolean => signal.reason instanceof HandBack;
