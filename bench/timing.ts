/** The middle value (the upper middle of an even count). */
export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The nearest-rank p-th percentile (p from 0 to 100). */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Times two tasks alternately (after one warm-up of each: binaries and inputs in the page cache) and returns each one's median in seconds. */
export async function alternateMedians(runs: number, first: () => Promise<unknown>, second: () => Promise<unknown>): Promise<{ first: number; second: number }> {
  const seconds = async (task: () => Promise<unknown>) => {
    const started = performance.now();
    await task();
    return (performance.now() - started) / 1000;
  };
  await first();
  await second();
  const times = { first: [] as number[], second: [] as number[] };
  for (let i = 0; i < runs; i++) {
    times.first.push(await seconds(first));
    times.second.push(await seconds(second));
  }
  return { first: median(times.first), second: median(times.second) };
}
