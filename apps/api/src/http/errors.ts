import { DomainError } from "@ssp/domain";
import type { ErrorRequestHandler } from "express";
import { z } from "zod";

/**
 * One error type with a stable code. Everything that fails a request becomes one of these
 * and leaves as SPEC §5's `{ code, message, errors? }`.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors?: Record<string, string>,
    /** More for the client in the reply's body (e.g. the id of the run a 409 is about). */
    readonly detail?: Record<string, string | number>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = (what = "Record") => new AppError(404, "not_found", `${what} not found`);
export const forbidden = () => new AppError(403, "forbidden", "Your role may not do this");
export const unauthorized = () => new AppError(401, "unauthorized", "Please log in");
export const conflict = (code: string, message: string, errors?: Record<string, string>) =>
  new AppError(409, code, message, errors);
export const validationFailed = (errors: Record<string, string>, message = "Some fields are invalid") =>
  new AppError(400, "validation_failed", message, errors);

export function fromZodError(error: z.ZodError, prefix?: string): AppError {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join(".") || "body";
    errors[path] ??= issue.message;
  }
  return validationFailed(errors);
}

/** Unique constraints the user can trip, and the field each one is about. */
const UNIQUE_FIELDS: Record<string, { field: string; message: string; code?: string }> = {
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

export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof z.ZodError) return fromZodError(error);
  if (error instanceof DomainError) {
    const status = error.code === "illegal_transition" ? 409 : error.code === "invalid_amount" ? 400 : 422;
    return new AppError(status, error.code, error.message);
  }
  const body = error as { type?: string; status?: number };
  if (body?.type === "entity.parse.failed")
    return new AppError(400, "invalid_json", "The request body is not valid JSON");
  if (body?.type === "entity.too.large")
    return new AppError(413, "payload_too_large", "The request body is too large");
  const pg = pgError(error);
  if (pg?.code === "23505") {
    const known = UNIQUE_FIELDS[pg.constraint_name ?? pg.constraint ?? ""];
    return known
      ? conflict(known.code ?? "duplicate", known.message, { [known.field]: known.message })
      : conflict("duplicate", "This record already exists");
  }
  if (pg?.code === "23503") return conflict("in_use", "Other records still refer to this one");
  if (pg?.code === "42501") return notFound();
  if (pg?.code === "22P02" || pg?.code === "22003" || pg?.code === "22008") {
    return validationFailed({}, "A value is out of range or malformed");
  }
  return new AppError(500, "internal_error", "Something went wrong on our side");
}

export const errorHandler: ErrorRequestHandler = (error, _req, res, _next) => {
  const app = toAppError(error);
  if (app.code === "internal_error") console.error(error);
  res.status(app.status).json({
    code: app.code,
    message: app.message,
    ...(app.errors ? { errors: app.errors } : {}),
    ...(app.detail ?? {}),
  });
};
