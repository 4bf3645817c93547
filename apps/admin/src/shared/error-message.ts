/** The API's `message` (fetchJson puts it on the HttpError), or react-admin's generic text. */
export const errorMessage = (error: unknown): string =>
  error instanceof Error && error.message ? error.message : "ra.notification.http_error";

/** Codes whose words are generic: the API's own message says which rule it was. */
const GENERIC_CODES = new Set(["business_rule", "illegal_transition", "invalid_amount"]);

/**
 * The API's own message beside generic words ("업무 규칙상 처리할 수 없습니다"), where a panel has
 * room for it: it names the rule (a date, a status) the admin has no words for.
 */
export function errorDetail(error: unknown): string | undefined {
  const body = (error as { body?: { code?: unknown; message?: unknown } } | null)?.body;
  return typeof body?.code === "string" && GENERIC_CODES.has(body.code) && typeof body.message === "string"
    ? body.message
    : undefined;
}
