import type { ApiErrorCode } from "./api-error-codes.js";

/**
 * A rule of the business was broken. `code` is stable and machine-readable; the API maps
 * each code to an HTTP status in one place (409 for conflicts, 422 for business rules).
 */
export type DomainErrorCode = Extract<
  ApiErrorCode,
  "illegal_transition" | "invalid_amount" | "business_rule" | "invoice_settled"
>;

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "DomainError";
  }
}
