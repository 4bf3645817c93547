import { existsSync } from "node:fs";
import { join } from "node:path";
import { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import cookieParser from "cookie-parser";
import cors from "cors";
import { sql } from "drizzle-orm";
import express from "express";
import { registerArchiveRoutes } from "./archive/archive.routes.js";
import { registerAuthRoutes } from "./auth/auth.routes.js";
import {
  loginAddressRateLimit,
  loginRateLimit,
  publicRateLimit,
  sessionAttemptLimit,
} from "./auth/login-rate-limit.js";
import { sessionMiddleware } from "./auth/session-middleware.js";
import { registerBillingRoutes } from "./billing/billing.routes.js";
import { registerCustomerPageRoutes } from "./customer-page/customer-page.routes.js";
import { rowsOf } from "./db/client.js";
import { DatabaseHealth } from "./db/database-health.js";
import { metricsEndpoint, registerHealthRoutes } from "./health/health.routes.js";
import { ApiRoutes } from "./http/api-routes.js";
import type { AppDeps } from "./http/context.js";
import { AppError, databaseUnavailable, errorHandler } from "./http/errors.js";
import { rejectEncodedBody, rejectUnreadablePath, rejectUnstorableText } from "./http/input-guard.js";
import { openApiDocument } from "./http/openapi.js";
import { type OutboxRunner, outboxRunner } from "./notifications/outbox.js";
import { registerUnsubscribeRoutes } from "./notifications/unsubscribe.routes.js";
import { processLogger } from "./observability/logger.js";
import {
  dbConnectionFailures,
  httpDuration,
  probeOutboxBacklog,
  timedAdapter,
} from "./observability/metrics.js";
import { requestLog } from "./observability/request-log.js";
import { registerReportRoutes } from "./reports/reports.routes.js";
import { registerResourceRoutes } from "./routes.js";
import { requireSameOrigin } from "./security/same-origin.js";
import { isDocumentPath, securityHeaders } from "./security/security-headers.js";
import { registerPublicSigningRoutes } from "./signing/public-signing.routes.js";
import { registerPublicSignupRoutes } from "./signup/public-signup.routes.js";
import { registerPublicTransferRoutes } from "./transfers/transfer-public.routes.js";

/** Builds the whole HTTP app from its dependencies; listening is server.ts's business. */
export function createApp(given: AppDeps): express.Express & { outbox: OutboxRunner } {
  // Calls to the outside are timed for /metrics (gateway_request_duration_seconds).
  const deps: AppDeps = {
    ...given,
    adapters: {
      ...given.adapters,
      paymentGateway: timedAdapter(given.adapters.paymentGateway, given.adapters.paymentGateway.name),
      creditBureau: timedAdapter(given.adapters.creditBureau, given.adapters.creditBureau.name),
    },
  };
  const health = new DatabaseHealth();
  const app = express();
  app.disable("x-powered-by");
  // Client addresses go into audit rows and rate-limit keys, so only a proxy on this host is
  // believed about X-Forwarded-For (`TRUST_PROXY` changes that for a real deployment).
  app.set("trust proxy", deps.config.trustProxy);
  const logger = deps.logger ?? processLogger();
  app.use(
    requestLog(logger, (s) =>
      httpDuration.observe({ method: s.method, route: s.route, status: String(s.status) }, s.seconds),
    ),
  );
  app.get("/metrics", metricsEndpoint(deps.config.metricsToken));
  const headers = securityHeaders({ secure: deps.config.secureCookies });
  app.use("/api", (req, res, next) =>
    (isDocumentPath(req.path) ? headers.documents : headers.api)(req, res, next),
  );
  app.use(rejectUnreadablePath);
  app.use(
    cors({
      origin: deps.config.corsOrigins,
      credentials: true,
      exposedHeaders: ["Content-Range", "X-Request-Id", "Retry-After"],
    }),
  );
  app.use("/api", requireSameOrigin(deps.config));
  app.use(rejectEncodedBody);
  app.use(express.json({ limit: "1mb", inflate: false }));
  app.use(rejectUnstorableText);
  app.use(cookieParser());
  // While the database is known to be down, answer 503 at once (liveness still answers).
  app.use("/api", (req, _res, next) => {
    if (req.path !== "/health/live" && health.isDown()) throw databaseUnavailable();
    next();
  });
  app.use("/api", sessionMiddleware(deps));
  app.use("/api/auth/login", loginAddressRateLimit(deps.config.loginRateLimit, deps.database.db));
  app.use("/api/auth/login", loginRateLimit(deps.config.loginRateLimit, deps.database.db));
  app.use(["/api/auth/totp/verify", "/api/auth/totp/enable"], sessionAttemptLimit(deps.database.db, "totp"));
  app.use("/api/auth/password", sessionAttemptLimit(deps.database.db, "password"));
  app.use("/api/public", publicRateLimit(deps.config.publicRateLimit, deps.database.db));

  const router = express.Router();
  const registry = new OpenAPIRegistry();
  probeOutboxBacklog(async () => {
    const [row] = rowsOf<{ n: number }>(
      await deps.database.db.execute(
        sql`select count(*)::int as n from notifications where status = 'pending'`,
      ),
    );
    return Number(row?.n ?? 0);
  });
  const outbox = outboxRunner({
    db: deps.database.db,
    mailer: deps.adapters.mailer,
    texts: deps.adapters.texts ?? null,
    secretBox: deps.config.secretBox,
    now: () => deps.clock.now(),
  });
  const routes = new ApiRoutes(router, registry, deps, () => outbox.kick());
  registerHealthRoutes(routes, deps, health);
  registerAuthRoutes(routes, deps);
  registerResourceRoutes(routes);
  registerPublicSigningRoutes(routes, deps);
  registerPublicTransferRoutes(routes, deps);
  registerCustomerPageRoutes(routes, deps);
  registerPublicSignupRoutes(routes, deps);
  registerUnsubscribeRoutes(routes, deps);
  registerBillingRoutes(routes, deps);
  registerReportRoutes(routes, deps);
  registerArchiveRoutes(routes, deps);
  const openapi = openApiDocument(registry);
  router.get("/openapi.json", (_req, res) => {
    res.json(openapi);
  });
  router.use(() => {
    throw new AppError(404, "not_found", "No such endpoint");
  });
  app.use("/api", router);

  const dist = deps.config.adminDist;
  if (dist && existsSync(join(dist, "index.html"))) {
    app.use(headers.pages);
    app.use(express.static(dist, { index: false, maxAge: "1h" }));
    // The customer's public pages are their own small apps; everything else is the admin.
    const page = (name: string) =>
      existsSync(join(dist, name)) ? join(dist, name) : join(dist, "index.html");
    app.get("/sign/{*path}", (_req, res) => res.sendFile(page("sign.html")));
    // A name transfer's agreement is signed on the same page (it calls /api/public/transfer).
    app.get("/transfer/{*path}", (_req, res) => res.sendFile(page("sign.html")));
    app.get("/apply/{*path}", (_req, res) => res.sendFile(page("apply.html")));
    app.get("/my/{*path}", (_req, res) => res.sendFile(page("my.html")));
    app.get("/{*path}", (_req, res) => {
      res.sendFile(join(dist, "index.html"));
    });
  }
  app.use(
    errorHandler(logger, () => {
      health.reportUnreachable();
      dbConnectionFailures.inc();
    }),
  );
  return Object.assign(app, { outbox });
}
