import client from "prom-client";
import { collectDatabaseMetrics } from "./database";

/**
 * This process's metrics (prom-client). Counters and histograms count what this process did, so
 * every web and worker process is scraped on its own and Prometheus sums them; the gauges read
 * from the database (jobs, queues, ledger) are the same in every process (aggregate them with max).
 */
function createMetrics() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: "reelsmith_" });
  const metric = { registers: [registry] };
  return {
    registry,
    httpRequests: new client.Counter({ ...metric, name: "reelsmith_http_requests_total", help: "HTTP requests answered, by route pattern, method and status.", labelNames: ["method", "route", "status"] }),
    httpDuration: new client.Histogram({
      ...metric,
      name: "reelsmith_http_request_duration_seconds",
      help: "Time to answer an HTTP request (to the response headers for streams), by route pattern and method.",
      labelNames: ["method", "route"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    }),
    renderDuration: new client.Histogram({
      ...metric,
      name: "reelsmith_render_duration_seconds",
      help: "One attempt of a generation on this worker, claim to end, by engine and outcome (succeeded, retried, failed, stopped, handed_back).",
      labelNames: ["engine", "outcome"],
      buckets: [1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1800, 3600],
    }),
    queueWait: new client.Histogram({
      ...metric,
      name: "reelsmith_queue_wait_seconds",
      help: "Submit to first claim of a generation, by engine.",
      labelNames: ["engine"],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600],
    }),
    handedBack: new client.Counter({ ...metric, name: "reelsmith_jobs_handed_back_total", help: "Running generations this process handed back to the queue while shutting down, by engine.", labelNames: ["engine"] }),
    webhooks: new client.Counter({ ...metric, name: "reelsmith_webhooks_total", help: "Incoming webhooks (Stripe) by outcome.", labelNames: ["provider", "outcome"] }),
    callbacks: new client.Counter({ ...metric, name: "reelsmith_api_callbacks_total", help: "Outgoing API callback deliveries by outcome (delivered, retry, abandoned).", labelNames: ["outcome"] }),
    eventStreams: new client.Gauge({ ...metric, name: "reelsmith_event_streams", help: "Live job-feed event streams open on this process." }),
    database: collectDatabaseMetrics(registry),
  };
}

const holder = globalThis as { __reelsmithMetrics?: ReturnType<typeof createMetrics> };

/** This process's metrics, created on first use (on globalThis: Next.js bundles may load this module more than once). */
export function metrics(): ReturnType<typeof createMetrics> {
  return (holder.__reelsmithMetrics ??= createMetrics());
}

/** The scrape: Prometheus' text format. */
export async function exposition(): Promise<{ body: string; contentType: string }> {
  const { registry } = metrics();
  return { body: await registry.metrics(), contentType: registry.contentType };
}
