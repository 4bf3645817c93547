/**
 * The `errors` of an API answer (`{code, message, errors}`), which fetchJson keeps as the
 * HttpError's body: one message per field, to show under the matching input.
 */
export function fieldErrors(error: unknown): Record<string, string> | undefined {
  if (typeof error !== "object" || error === null || !("body" in error)) return undefined;
  const body: unknown = error.body;
  if (typeof body !== "object" || body === null || !("errors" in body)) return undefined;
  const errors: unknown = body.errors;
  if (typeof errors !== "object" || errors === null) return undefined;
  const entries = Object.entries(errors).filter((e): e is [string, string] => typeof e[1] === "string");
  return entries.length ? Object.fromEntries(entries) : undefined;
}
