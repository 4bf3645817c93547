import type { Request, RequestHandler, Response } from "express";
import helmet from "helmet";

/**
 * The browser's side of the defences (issue 14 finding 6), with helmet (Content-Security-Policy,
 * X-Frame-Options, nosniff, Referrer-Policy, cross-origin isolation headers) in three shapes:
 *
 * - pages (the admin, `/sign/*`, `/apply/*`): scripts only from this origin, styles inline too
 *   (MUI's emotion writes <style> tags), images and the PDF viewer from this origin, data: and
 *   blob: (the signature pad, the PDF fetched with the signing proof in a header); never framed;
 *   no Referer at all (a signing link's token is in the page's own URL).
 *   The admin and `/apply/*` also load the Kakao (Daum) postcode search on demand: its script
 *   from t1.daumcdn.net (which loads the rest of itself from there), its search page embedded in
 *   an iframe from postcode.map.daum.net (postcode.map.kakao.com, the same service under Kakao's
 *   name). Embedded, not a popup: the popup talks to its opener, which
 *   Cross-Origin-Opener-Policy cuts off. The signing, transfer and customer pages need none of it.
 * - documents (PDFs): framed only by our own pages (the signing page shows the contract in an
 *   iframe), nothing active inside.
 * - the API's JSON: nothing may render, frame or be sniffed from it.
 */
function headers(
  directives: Record<string, string[]>,
  frameguard: "deny" | "sameorigin",
  secure: boolean,
): RequestHandler {
  return once(
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives },
      frameguard: { action: frameguard },
      referrerPolicy: { policy: "no-referrer" },
      strictTransportSecurity: secure ? { maxAge: 31_536_000 } : false,
      crossOriginEmbedderPolicy: false,
      crossOriginResourcePolicy: { policy: "same-origin" },
    }),
  );
}

/**
 * helmet's headers for one shape, taken from it once and then set together on every response.
 * They never depend on the request (no nonces), and helmet's dozen middlewares in a row were
 * 6 % of a list page's API time in a CPU profile (issue 12's inbox bench).
 */
function once(helmetHandler: RequestHandler): RequestHandler {
  const fixed: [string, string][] = [];
  let done = false;
  const recorder = {
    setHeader: (name: string, value: string | number) => fixed.push([name, String(value)]),
    removeHeader: () => {},
  };
  helmetHandler({} as Request, recorder as unknown as Response, () => {
    done = true;
  });
  if (!done) throw new Error("helmet did not hand on at once: its headers cannot be taken ahead");
  return (_req, res, next) => {
    for (const [name, value] of fixed) res.setHeader(name, value);
    next();
  };
}

/** The hosts the postcode search (우편번호 서비스) loads its script and search page from. */
export const POSTCODE_SCRIPT_HOSTS = ["https://t1.daumcdn.net"];
export const POSTCODE_FRAME_HOSTS = ["https://postcode.map.daum.net", "https://postcode.map.kakao.com"];

/** The public pages that show no address form: they keep the strictest policy. */
export function needsPostcodeSearch(path: string): boolean {
  return !/^\/(sign|transfer|my)\//.test(path);
}

export function securityHeaders(options: { secure: boolean }): {
  pages: RequestHandler;
  documents: RequestHandler;
  api: RequestHandler;
} {
  const pageDirectives = (postcode: boolean) => ({
    "default-src": ["'self'"],
    "script-src": ["'self'", ...(postcode ? POSTCODE_SCRIPT_HOSTS : [])],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'", "blob:", ...(postcode ? POSTCODE_FRAME_HOSTS : [])],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  });
  const withPostcode = headers(pageDirectives(true), "deny", options.secure);
  const strict = headers(pageDirectives(false), "deny", options.secure);
  const pages: RequestHandler = (req, res, next) =>
    (needsPostcodeSearch(req.path) ? withPostcode : strict)(req, res, next);
  const documents = headers(
    { "default-src": ["'none'"], "style-src": ["'unsafe-inline'"], "frame-ancestors": ["'self'"] },
    "sameorigin",
    options.secure,
  );
  const api = headers({ "default-src": ["'none'"], "frame-ancestors": ["'none'"] }, "deny", options.secure);
  return { pages, documents, api };
}

/**
 * PDFs and other files the API sends, and the unsubscribe page (a small HTML page with inline
 * styles): they get the document headers instead of the API's.
 */
export function isDocumentPath(path: string): boolean {
  return /\.pdf$|\/pdf$|^\/public\/unsubscribe\//.test(path);
}
