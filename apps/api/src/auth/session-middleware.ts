import type { RequestHandler } from "express";
import type { AppDeps } from "../http/context.js";
import { sessionToken } from "./auth.routes.js";
import { actorForSession } from "./sessions.js";

/** Puts the logged-in staff member (if any) on `req.actor`; routes decide what they require. */
export function sessionMiddleware(deps: AppDeps): RequestHandler {
  return async (req, _res, next) => {
    const token = sessionToken(req);
    if (token) req.actor = await actorForSession(deps.database.db, token, deps.clock.now());
    next();
  };
}
