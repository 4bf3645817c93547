import { type ApiErrorCode, DomainError } from "@ssp/domain";
import type { ErrorRequestHandler } from "express";
import { z } from "zod";
import type { Logger } from "../observability/logger.js";
import { requestIdOf, routeOf } from "../observability/request-log.js";

/**
 * One error type with a stable code. Everything that fails a request becomes one of these
 * and leaves as SPEC §5's `{ code, message, errors? }`.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly errors?: Record<string, string>,
    /** More for the client in the reply's body (e.g. the id of the run a 409 is about). */
    readonly detail?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = (what = "Record") => new AppError(404, "not_found", `${what} not found`);
export const forbidden = () => new AppError(403, "forbidden", "Your role may not do this");
export const unauthorized = () => new AppError(401, "unauthorized", "Please log in");
export const conflict = (code: ApiErrorCode, message: string, errors?: Record<string, string>) =>
  new AppError(409, code, message, errors);
export const validationFailed = (
  errors: Record<string, string>,
  message = "Some fields are invalid",
  issues?: Record<string, string>,
) => new AppError(400, "validation_failed", message, errors, issues ? { issues } : undefined);

export function fromZodError(error: z.ZodError, prefix?: string): AppError {
  const errors: Record<string, string> = {};
  // zod's issue code per field (too_small, invalid_format…), so the admin can say it in the
  // user's language and highlight the field; `errors` keeps zod's own words.
  const issues: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join(".") || "body";
    errors[path] ??= issue.message;
    issues[path] ??= issue.code;
  }
  return validationFailed(errors, undefined, issues);
}

/** Unique constraints the user can trip, and the field each one is about. */
const UNIQUE_FIELDS: Record<string, { field: string; message: string; code?: ApiErrorCode }> = {
  contracts_open_asset_key: {
    field: "assetId",
    message: "Another open contract already holds this asset",
    code: "asset_already_held",
  },
  assets_partner_serial_key: { field: "serialNumber", message: "This serial number is already registered" },
  users_email_key: { field: "email", message: "A user with this e-mail already exists" },
  partners_slug_unique: { field: "slug", message: "This slug is taken" },
};

interface PgErrorLike {
  code?: string;
  constraint_name?: string;
  constraint?: string;
}

export function pgError(error: unknown): PgErrorLike | undefined {
  let e: unknown = error;
  for (let depth = 0; e && depth < 3; depth++) {
    const code = (e as PgErrorLike).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return e as PgErrorLike;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** What body-parser and the router throw (http-errors), by their `type`, as our codes. */
const HTTP_ERROR_CODES: Record<string, ApiErrorCode> = {
  "entity.parse.failed": "invalid_json",
  "entity.too.large": "payload_too_large",
  "encoding.unsupported": "unsupported_encoding",
  "charset.unsupported": "unsupported_charset",
  "request.aborted": "request_aborted",
  "request.size.invalid": "request_size_invalid",
};
const HTTP_ERROR_MESSAGES: Partial<Record<ApiErrorCode, string>> = {
  invalid_json: "The request body is not valid JSON",
  payload_too_large: "The request body is too large",
  unsupported_encoding: "Send the request body uncompressed (no Content-Encoding)",
  unsupported_charset: "Send the request body as UTF-8",
};

/**
 * PostgreSQL's answers about a value it could not take (a NUL byte, an encoding, a date or
 * number out of its range): the request was at fault, never the server. The validation at the
 * edge should catch each first; these stay as the floor under it.
 */
const PG_BAD_VALUE = new Set([
  "22P02", // invalid text representation
  "22003", // numeric value out of range
  "22008", // datetime field overflow
  "22007", // invalid datetime format
  "22021", // character not in repertoire (NUL, broken UTF-8)
  "22P05", // untranslatable character
  "22001", // string too long for its column
  "22023", // invalid parameter value
  "2201X", // invalid row count in result offset
  "2201W", // invalid row count in limit
]);

/** The database is down, restarting or not answering in time: the request may be repeated. */
const PG_UNAVAILABLE = new Set(["57P01", "57P02", "57P03", "53300", "08000", "08001", "08003", "08006"]);
const NODE_UNAVAILABLE = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
]);

/** Seconds a client is asked to wait before repeating a request the database could not serve. */
export const RETRY_AFTER_SECONDS = 5;

export function databaseUnavailable(): AppError {
  return new AppError(503, "database_unavailable", "The service is briefly unavailable. Try again shortly.");
}

export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof z.ZodError) return fromZodError(error);
  if (error instanceof DomainError) {
    const status =
      error.code === "illegal_transition" || error.code === "invoice_settled"
        ? 409
        : error.code === "invalid_amount"
          ? 400
          : 422;
    const fields = error.details.fields as Record<string, string> | undefined;
    return new AppError(status, error.code, error.message, fields);
  }
  // http-errors from body-parser (`expose`), and the router's 400 for a parameter it cannot decode.
  const http = error as { type?: string; status?: number; expose?: boolean };
  const clientFault = http?.expose === true || error instanceof URIError;
  if (clientFault && typeof http.status === "number" && http.status >= 400 && http.status < 500) {
    const code =
      HTTP_ERROR_CODES[http.type ?? ""] ?? (error instanceof URIError ? "malformed_url" : "bad_request");
    return new AppError(http.status, code, HTTP_ERROR_MESSAGES[code] ?? "The request is malformed");
  }
  const pg = pgError(error);
  if (pg?.code === "23505") {
    const known = UNIQUE_FIELDS[pg.constraint_name ?? pg.constraint ?? ""];
    return known
      ? conflict(known.code ?? "duplicate", known.message, { [known.field]: known.message })
      : conflict("duplicate", "This record already exists");
  }
  if (pg?.code === "23503") return conflict("in_use", "Other records still refer to this one");
  if (pg?.code === "42501") return notFound();
  if (pg?.code && PG_BAD_VALUE.has(pg.code))
    return validationFailed({}, "A value is out of range or malformed");
  if (pg?.code === "57014")
    return new AppError(
      503,
      "query_timeout",
      "This took too long and was stopped. Narrow it down or try again.",
    );
  if ((pg?.code && PG_UNAVAILABLE.has(pg.code)) || nodeUnavailable(error)) return databaseUnavailable();
  return new AppError(500, "internal_error", "Something went wrong on our side");
}

function nodeUnavailable(error: unknown): boolean {
  let e: unknown = error;
  for (let depth = 0; e && depth < 3; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && NODE_UNAVAILABLE.has(code)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Turns whatever failed a request into SPEC §5's JSON, with the request's id so a user's report
 * can be matched to the log line. Only server faults are logged, and only as `safeError` keeps
 * them (no query parameters, no values).
 */
export function errorHandler(
  logger: Logger,
  onDatabaseUnreachable: () => void = () => {},
): ErrorRequestHandler {
  return (error, _req, res, _next) => {
    const app = toAppError(error);
    // A real failure to reach the database (not the fail-fast answer given while it is down).
    if (app.code === "database_unavailable" && !(error instanceof AppError)) onDatabaseUnreachable();
    const requestId = requestIdOf(res);
    // Server faults are logged; our own 503s (the database known to be down) were, once, already.
    if (app.status >= 500 && !(error instanceof AppError && app.status === 503))
      logger.error({ err: error, code: app.code, route: routeOf(res) }, app.code);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (app.status === 503) res.setHeader("Retry-After", String(RETRY_AFTER_SECONDS));
    res.status(app.status).json({
      code: app.code,
      message: app.message,
      ...(app.errors ? { errors: app.errors } : {}),
      ...(app.detail ?? {}),
      ...(requestId ? { requestId } : {}),
    });
  };
}
