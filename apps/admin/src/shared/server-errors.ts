import { HttpError } from "react-admin";
import { koMessages } from "../i18n/ko";

interface ApiErrorBody {
  code?: string;
  message?: string;
  errors?: Record<string, string>;
  issues?: Record<string, string>;
}

const table = (key: "errors" | "validation" | "fieldErrors"): Record<string, unknown> =>
  ((koMessages.ssp as Record<string, unknown>)[key] as Record<string, unknown> | undefined) ?? {};

/** The i18n key for an API error code, when the admin has words for it. */
export function serverErrorKey(code: string | undefined): string | undefined {
  return code && code in table("errors") ? `ssp.errors.${code}` : undefined;
}

/** The i18n key for a zod issue code on one field (too_small, invalid_format…). */
export function validationKey(code: string | undefined): string | undefined {
  return code && code in table("validation") ? `ssp.validation.${code}` : undefined;
}

/** The i18n key for what a use case said about one field (`ssp.fieldErrors.<code>.<field>`). */
export function fieldErrorKey(code: string | undefined, field: string): string | undefined {
  const byCode = code ? (table("fieldErrors")[code] as Record<string, unknown> | undefined) : undefined;
  return byCode && field in byCode ? `ssp.fieldErrors.${code}.${field}` : undefined;
}

/**
 * The API answers `{code, message, errors, issues}`. The admin speaks the user's language: the
 * message becomes the i18n key of its code (react-admin translates notifications and field
 * messages), and each field's message the key of its zod issue code or of what the use case
 * said about that field, so the field is marked in the form with a translated reason. The rest
 * keep the API's own words (e.g. "At most 24,900원": the figure is the useful part).
 */
export function translatableError(error: unknown): unknown {
  if (!(error instanceof HttpError)) return error;
  const body = (error.body ?? {}) as ApiErrorBody;
  const messageKey = serverErrorKey(body.code);
  let errors = body.errors;
  if (errors) {
    errors = Object.fromEntries(
      Object.entries(errors).map(([field, text]) => [
        field,
        validationKey(body.issues?.[field]) ?? fieldErrorKey(body.code, field) ?? text,
      ]),
    );
  }
  if (!messageKey && JSON.stringify(errors) === JSON.stringify(body.errors)) return error;
  return new HttpError(messageKey ?? error.message, error.status, { ...body, errors });
}
