import { sql } from "drizzle-orm";
import type { RequestHandler } from "express";
import type { DatabaseHealth } from "../db/database-health.js";
import type { ApiRoutes } from "../http/api-routes.js";
import type { AppDeps } from "../http/context.js";
import { AppError, databaseUnavailable } from "../http/errors.js";
import { metricsRegistry } from "../observability/metrics.js";

/** How long readiness waits for `select 1` before it calls the database unavailable. */
const READY_TIMEOUT_MS = 2_000;

/**
 * Liveness (the process answers: restart it if not) and readiness (it can serve: send it
 * traffic), split so that a database outage takes instances out of the load balancer without
 * an orchestrator restarting every one of them. `/health` stays as readiness, as before.
 */
export function registerHealthRoutes(routes: ApiRoutes, deps: AppDeps, health: DatabaseHealth): void {
  routes.open(
    {
      method: "get",
      path: "/health/live",
      summary: "Liveness: the process answers (no database)",
      tag: "system",
    },
    async () => ({ body: { ok: true } }),
  );
  const ready = async () => {
    if (health.isDown()) throw databaseUnavailable();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(databaseUnavailable()), READY_TIMEOUT_MS);
    });
    try {
      await Promise.race([deps.database.db.execute(sql`select 1`), timeout]);
    } finally {
      clearTimeout(timer);
    }
    return {
      body: {
        ok: true,
        database: deps.database.kind,
        time: deps.clock.now().toISOString(),
        today: deps.clock.today(),
      },
    };
  };
  routes.open(
    {
      method: "get",
      path: "/health/ready",
      summary: "Readiness: the database answers within 2 s",
      tag: "system",
    },
    ready,
  );
  routes.open(
    { method: "get", path: "/health", summary: "Readiness (as /health/ready)", tag: "system" },
    ready,
  );
}

/**
 * Prometheus scrapes `GET /metrics`. With METRICS_TOKEN set it must send it as a bearer token;
 * without, only this machine may scrape (route counts and timings are nobody else's business).
 */
export function metricsEndpoint(token: string | undefined): RequestHandler {
  return async (req, res) => {
    const remote = req.socket.remoteAddress ?? "";
    const allowed = token
      ? req.get("authorization") === `Bearer ${token}`
      : ["127.0.0.1", "::1", "::ffff:127.0.0.1"].includes(remote);
    if (!allowed) throw new AppError(403, "forbidden", "Metrics are for the monitoring system");
    res.setHeader("Content-Type", metricsRegistry.contentType);
    res.end(await metricsRegistry.metrics());
  };
}
