import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/**
 * The process's Prometheus metrics (`GET /metrics`): one registry per process, since the
 * counters describe the process (several apps in one test process share it).
 *
 * - http_request_duration_seconds{method,route,status}: every reply, by route pattern
 * - db_transactions_in_flight, db_unavailable, db_connection_failures_total: the pool's load
 *   and the outage breaker (postgres.js does not expose its pool's counts, so we count ours)
 * - outbox_backlog: messages waiting to be sent, read when scraped
 * - job_duration_seconds{job,outcome}, job_failures_total{job}: every recorded job run
 * - gateway_request_duration_seconds{adapter,operation,outcome}: payment gateway and bureau calls
 * - fair_share_rejections_total, and Node's own (memory, event loop lag, GC)
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

export const httpDuration = new Histogram({
  name: "http_request_duration_seconds",
  help: "HTTP replies by method, route pattern and status",
  labelNames: ["method", "route", "status"] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});

export const dbTransactionsInFlight = new Gauge({
  name: "db_transactions_in_flight",
  help: "Request transactions holding a pool connection now",
  registers: [metricsRegistry],
});

export const dbUnavailable = new Gauge({
  name: "db_unavailable",
  help: "1 while the database is taken to be down (requests answer 503 at once)",
  registers: [metricsRegistry],
});

export const dbConnectionFailures = new Counter({
  name: "db_connection_failures_total",
  help: "Requests that failed because the database could not be reached",
  registers: [metricsRegistry],
});

let backlogProbe: (() => Promise<number>) | undefined;
/** The app tells how to count the outbox; it is counted only when scraped. */
export function probeOutboxBacklog(probe: () => Promise<number>): void {
  backlogProbe = probe;
}
export const outboxBacklog = new Gauge({
  name: "outbox_backlog",
  help: "Notifications waiting to be delivered",
  registers: [metricsRegistry],
  async collect() {
    if (!backlogProbe) return;
    try {
      this.set(await backlogProbe());
    } catch {
      // the database is down: the gauge keeps its last value, db_unavailable says why
    }
  },
});

export const jobDuration = new Histogram({
  name: "job_duration_seconds",
  help: "Recorded job runs by job and outcome",
  labelNames: ["job", "outcome"] as const,
  buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600],
  registers: [metricsRegistry],
});

export const jobFailures = new Counter({
  name: "job_failures_total",
  help: "Job runs that failed, and items a run could not do",
  labelNames: ["job", "kind"] as const,
  registers: [metricsRegistry],
});

export const gatewayDuration = new Histogram({
  name: "gateway_request_duration_seconds",
  help: "Calls to outside services (payment gateway, credit bureau) by adapter, operation and outcome",
  labelNames: ["adapter", "operation", "outcome"] as const,
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [metricsRegistry],
});

export const fairShareRejections = new Counter({
  name: "fair_share_rejections_total",
  help: "Expensive requests refused (429) because the same user already had too many running",
  registers: [metricsRegistry],
});

/**
 * The same adapter, with every call that returns a promise timed into
 * gateway_request_duration_seconds (ok, or the error's name).
 */
export function timedAdapter<T extends object>(adapter: T, name: string): T {
  return new Proxy(adapter, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== "function" || typeof property !== "string") return value;
      return (...args: unknown[]) => {
        const result = value.apply(target, args);
        if (!(result instanceof Promise)) return result;
        const end = gatewayDuration.startTimer({ adapter: name, operation: property });
        return result.then(
          (answer) => {
            end({ outcome: "ok" });
            return answer;
          },
          (error: unknown) => {
            end({ outcome: error instanceof Error ? error.name : "error" });
            throw error;
          },
        );
      };
    },
  });
}
