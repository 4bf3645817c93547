import type { RequestHandler } from "express";
import { ipKeyGenerator, rateLimit } from "express-rate-limit";
import type { Db } from "../db/client.js";
import type { AppConfig } from "../http/context.js";
import { PostgresRateLimitStore } from "./rate-limit-store.js";
import { sessionIdHash } from "./sessions.js";

/**
 * Failed logins per client address and e-mail; successful ones do not count. Past the limit
 * the API answers 429 until the window has passed. Counted in PostgreSQL, so the limit holds
 * across every API process and instance.
 */
export function loginRateLimit(config: AppConfig["loginRateLimit"], db: Db): RequestHandler {
  return rateLimit({
    store: new PostgresRateLimitStore(db, "login|"),
    windowMs: config.windowMs,
    limit: config.max,
    skipSuccessfulRequests: true,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    keyGenerator: (req) => {
      const email = typeof req.body?.email === "string" ? req.body.email.trim().toLowerCase() : "";
      return `${ipKeyGenerator(req.ip ?? "unknown")}|${email}`;
    },
    handler: (_req, res) => {
      res.status(429).json({
        code: "rate_limited",
        message: "Too many failed logins. Try again later.",
        requestId: res.locals.requestId,
      });
    },
  });
}

/**
 * Failed logins per client address alone, whatever e-mail they name: one address trying a few
 * passwords on each of many accounts (password spraying; issue 14 finding 4 had 30 accounts × 9
 * guesses from one address go through without a 429) meets this limit.
 */
export function loginAddressRateLimit(config: AppConfig["loginRateLimit"], db: Db): RequestHandler {
  return rateLimit({
    store: new PostgresRateLimitStore(db, "login-address|"),
    windowMs: config.windowMs,
    limit: config.maxPerAddress,
    skipSuccessfulRequests: true,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? "unknown"),
    handler: (_req, res) => {
      res.status(429).json({
        code: "rate_limited",
        message: "Too many failed logins from this address. Try again later.",
        requestId: res.locals.requestId,
      });
    },
  });
}

/**
 * Wrong second-factor codes and wrong current passwords, per session: five in ten minutes, then
 * 429 until the window passes (a pending sign-in lasts ten minutes anyway).
 */
export function sessionAttemptLimit(db: Db, prefix: string): RequestHandler {
  return rateLimit({
    store: new PostgresRateLimitStore(db, `${prefix}|`),
    windowMs: 10 * 60_000,
    limit: 5,
    skipSuccessfulRequests: true,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    keyGenerator: (req) => {
      const token = req.cookies?.ssp_session;
      return typeof token === "string" ? sessionIdHash(token) : ipKeyGenerator(req.ip ?? "unknown");
    },
    handler: (_req, res) => {
      res.status(429).json({
        code: "rate_limited",
        message: "Too many wrong attempts. Try again later.",
        requestId: res.locals.requestId,
      });
    },
  });
}

/** Public pages (signing, application): a plain per-address budget against scraping and guessing. */
export function publicRateLimit(config: AppConfig["publicRateLimit"], db: Db): RequestHandler {
  return rateLimit({
    store: new PostgresRateLimitStore(db, "public|"),
    windowMs: config.windowMs,
    limit: config.max,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? "unknown"),
    handler: (_req, res) => {
      res.status(429).json({
        code: "rate_limited",
        message: "요청이 너무 많습니다. 잠시 후 다시 시도해 주세요.",
        requestId: res.locals.requestId,
      });
    },
  });
}
