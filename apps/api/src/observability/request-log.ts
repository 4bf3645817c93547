import type { RequestHandler, Response } from "express";
import type { Logger } from "./logger.js";
import { requestContext, requestIdFor } from "./request-context.js";

/** What the reply went out for, set by api-routes.ts when a route is matched (`/api/customers/:id`). */
export function setRouteOf(res: Response, route: string): void {
  res.locals.route = route;
}

export function routeOf(res: Response): string {
  return typeof res.locals.route === "string" ? res.locals.route : "unmatched";
}

export function requestIdOf(res: Response): string | undefined {
  return typeof res.locals.requestId === "string" ? res.locals.requestId : undefined;
}

/**
 * Gives every request its id (the reply's `X-Request-Id`; the id a proxy sent is kept), runs the
 * rest of the request inside it so every log line carries it, and writes one line per request:
 * method, route pattern (never the path itself: it may hold a signing token), status and time.
 */
export function requestLog(
  logger: Logger,
  onFinish?: (sample: { method: string; route: string; status: number; seconds: number }) => void,
): RequestHandler {
  return (req, res, next) => {
    const requestId = requestIdFor(req.get("x-request-id"));
    res.locals.requestId = requestId;
    res.setHeader("X-Request-Id", requestId);
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeOf(res);
      const sample = { method: req.method, route, status: res.statusCode, seconds };
      onFinish?.(sample);
      logger.info({ requestId, ...sample, ms: Math.round(seconds * 1000) }, "request");
    });
    requestContext.run({ requestId }, next);
  };
}
