/**
 * Deliveries in flight per receiver (scheme, host and port) in this process. A receiver that
 * accepts connections and never answers holds a delivery worker until the timeout; capping each
 * receiver at one worker leaves the others free for everyone else's callbacks.
 */
const inFlight = new Set<string>();

/** The receiver a callback URL reaches; an unparsable URL is its own receiver (its delivery fails fast). */
export function receiverOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

/** Takes the receiver's slot: a release function, or null while another delivery to it is in flight. */
export function claimReceiver(receiver: string): (() => void) | null {
  if (inFlight.has(receiver)) return null;
  inFlight.add(receiver);
  return () => inFlight.delete(receiver);
}
