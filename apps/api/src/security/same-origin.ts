import type { RequestHandler } from "express";
import { AppError } from "../http/errors.js";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses a state-changing request another site's page made the browser send (issue 14
 * finding 6: a cross-site `text/plain` POST to `/api/orders/:id/credit-check` ran, only
 * SameSite=Lax stood in the way). A browser names the page's origin in `Origin` on every
 * cross-origin POST, PUT and DELETE, and says `Sec-Fetch-Site`; the request must come from this
 * installation's own origin (`PUBLIC_URL`, the Host it was sent to) or one of `CORS_ORIGINS`.
 * A request with neither header comes from no browser (scripts, the CLI, tests) and has no
 * ambient cookie to abuse beyond what its sender holds.
 *
 * Behind that, the two body types an HTML form on any site can send without a CORS preflight
 * (`text/plain`, `application/x-www-form-urlencoded`) are refused outright: no endpoint takes
 * them, so a forged form cannot reach a route even from a browser that sends no Origin.
 */
/**
 * The one exception: a marketing e-mail's unsubscribe link (notifications/unsubscribe.routes.ts).
 * RFC 8058's one-click POST comes as a form (`List-Unsubscribe=One-Click`) from the mailbox
 * provider, not from our page; the link's sealed token is its whole authority (no cookie is
 * read), so a forged request can do nothing its sender's token could not.
 */
const ONE_CLICK_UNSUBSCRIBE = /^\/public\/unsubscribe\/[^/]+$/;

export function requireSameOrigin(options: { publicUrl: string; corsOrigins: string[] }): RequestHandler {
  const allowed = new Set([new URL(options.publicUrl).origin, ...options.corsOrigins]);
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    if (ONE_CLICK_UNSUBSCRIBE.test(req.path)) return next();
    const origin = req.get("origin");
    const own = `${req.protocol}://${req.get("host")}`;
    if (
      origin !== undefined
        ? origin !== own && !allowed.has(origin)
        : req.get("sec-fetch-site") === "cross-site"
    )
      throw new AppError(403, "cross_site_request", "This request came from another site and was refused");
    if (req.is(["text/plain", "application/x-www-form-urlencoded"]))
      throw new AppError(415, "unsupported_media_type", "Send the request body as application/json");
    next();
  };
}
