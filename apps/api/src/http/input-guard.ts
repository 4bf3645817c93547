import type { RequestHandler } from "express";
import { AppError } from "./errors.js";

/**
 * What no route can store or use, refused once for every route before any of them runs: a
 * malformed percent-encoding in the path, a NUL character or an unpaired UTF-16 surrogate in
 * any string of the path, query or body (PostgreSQL's text cannot hold NUL, and a lone surrogate
 * would be stored as U+FFFD), and a compressed body. Compressed bodies are refused outright
 * rather than inflated: no client of this API compresses what it sends, and inflating is where
 * decompression bombs live.
 */
export const rejectUnreadablePath: RequestHandler = (req, _res, next) => {
  let path: string;
  try {
    path = decodeURIComponent(req.path);
  } catch {
    throw new AppError(400, "malformed_url", "The address has a malformed percent-encoding");
  }
  if (!isStorableText(path)) throw unstorableText("path");
  next();
};

export const rejectEncodedBody: RequestHandler = (req, _res, next) => {
  const encoding = req.get("content-encoding")?.trim().toLowerCase();
  if (encoding && encoding !== "identity")
    throw new AppError(
      415,
      "unsupported_encoding",
      "Send the request body uncompressed (no Content-Encoding)",
    );
  next();
};

/** After the body is parsed: every string in query and body must be storable text. */
export const rejectUnstorableText: RequestHandler = (req, _res, next) => {
  const where = firstUnstorable(req.query, "query") ?? firstUnstorable(req.body, "body");
  if (where) throw unstorableText(where);
  next();
};

function unstorableText(where: string): AppError {
  return new AppError(400, "invalid_text", "Text may not contain NUL characters or broken Unicode", {
    [where]: "Text may not contain NUL characters or broken Unicode",
  });
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isStorableText(text: string): boolean {
  return !text.includes("\u0000") && !LONE_SURROGATE.test(text);
}

/** The path (`body.customer.name`) of the first string that cannot be stored, if any. */
function firstUnstorable(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === "string") return isStorableText(value) ? undefined : path;
  if (value === null || typeof value !== "object") return undefined;
  // No request of this API nests deeper; past that the walk stops and the request is refused.
  if (depth > 32) return path;
  for (const [key, inner] of Object.entries(value)) {
    if (!isStorableText(key)) return path;
    const found = firstUnstorable(inner, `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return undefined;
}
