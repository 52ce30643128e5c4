/** A token a scraper sends: long enough that guessing it is hopeless. */
const MIN_TOKEN_LENGTH = 16;

/** Start-up check of the metrics settings: a bad value stops start-up naming the variable. */
export function checkMetricsConfig(env: Record<string, string | undefined> = process.env): void {
  const token = env.METRICS_TOKEN;
  if (token !== undefined && token !== "" && (token.length < MIN_TOKEN_LENGTH || /\s/.test(token))) {
    throw new Error(`METRICS_TOKEN must be at least ${MIN_TOKEN_LENGTH} characters with no spaces (e.g. the output of: openssl rand -hex 24).`);
  }
  const port = env.METRICS_PORT;
  if (port !== undefined && port !== "" && !(/^\d+$/.test(port) && Number(port) <= 65535)) {
    throw new Error(`METRICS_PORT must be a port number (0–65535); it is "${port}".`);
  }
}
