import { PublicApiError } from "../shared/public-api";
import { ko } from "../strings";

/** The full-page title for an error that ends the flow (dead link, lockout, …). */
export function signingErrorTitle(error: PublicApiError): string {
  return ko.signing.errors[error.code] ?? "페이지를 표시할 수 없습니다";
}

export function asPublicError(caught: unknown): PublicApiError {
  return caught instanceof PublicApiError
    ? caught
    : new PublicApiError({ status: 0, code: "unexpected", message: ko.common.unexpectedError });
}
