import { CEILING } from "./ceilings";

/**
 * Polls `probe` until it answers a value (anything but undefined, null or false) and returns it;
 * throws naming `what` once the ceiling has passed.
 */
export async function until<T>(what: string, probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, ceilingMs: number = CEILING.state): Promise<T> {
  const deadline = Date.now() + ceilingMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Gave up after ${ceilingMs} ms waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
