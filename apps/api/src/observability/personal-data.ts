/**
 * The rules that keep personal data out of every log line (SPEC §2, issue 14 finding 3). A log
 * line is redacted twice over: by key (a field named like personal data or a secret never shows
 * its value, at any depth), and by pattern (an e-mail address, a Korean phone number or a long
 * token inside any string is masked), so a value that reaches a message by an unforeseen path
 * is still caught. Dates are not masked by pattern (jobs log the dates they run for): birth
 * dates only ever reach a log through an error's values, which `safeError` never keeps.
 */
const PERSONAL_KEYS = new Set(
  [
    "name",
    "fullName",
    "customerName",
    "holderName",
    "birthDate",
    "phone",
    "email",
    "to",
    "address",
    "installAddress",
    "addressDetail",
    "installAddressDetail",
    "password",
    "passwordHash",
    "token",
    "proof",
    "secret",
    "clientSecret",
    "restApiKey",
    "totpSecret",
    "otp",
    "verificationCode",
    "cookie",
    "authorization",
    "signature",
    "body",
    "parameters",
    "params",
    "args",
    "detail",
    "where",
  ].map((k) => k.toLowerCase()),
);

export const REDACTED = "[redacted]";

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
// Korean mobile and landline numbers, with or without separators (010-1234-5678, 01012345678).
const PHONE = /(?<!\d)0\d{1,2}[-. ]?\d{3,4}[-. ]?\d{4}(?!\d)/g;
// Session ids, signing links and proofs (43 base64url characters), hashes; not a UUID (36).
const TOKEN = /[A-Za-z0-9_-]{40,}/g;

/** Fields the logger itself adds, whose values are ours. */
const OWN_KEYS = new Set(["requestId", "level", "time", "pid"]);

export function scrubText(text: string): string {
  return text.replace(EMAIL, "[email]").replace(PHONE, "[phone]").replace(TOKEN, "[token]");
}

/**
 * An error's message is written by code we do not control (drivers, libraries, adapters) and
 * often quotes the value it choked on, so more is masked there: Hangul words (names, addresses),
 * dates (birth dates) and runs of six or more digits, besides what `scrubText` masks.
 */
export function scrubErrorText(text: string): string {
  return scrubText(text)
    .replace(/[\uAC00-\uD7A3\u3131-\u318E]+/g, "[hangul]")
    .replace(/\d{4}-\d{2}-\d{2}/g, "[date]")
    .replace(/\d{6,}/g, "[digits]");
}

/** A copy of `value` fit for a log line. */
export function redactPersonalData(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return scrubText(value);
  if (value === null || typeof value !== "object") return value;
  if (depth > 8) return "[deep]";
  if (value instanceof Error) return safeError(value);
  if (Array.isArray(value)) return value.map((v) => redactPersonalData(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] = OWN_KEYS.has(key)
      ? inner
      : PERSONAL_KEYS.has(key.toLowerCase())
        ? REDACTED
        : redactPersonalData(inner, depth + 1);
  }
  return out;
}

interface ErrorFields {
  code?: unknown;
  severity?: unknown;
  routine?: unknown;
  constraint_name?: unknown;
  table_name?: unknown;
  column_name?: unknown;
  query?: unknown;
  cause?: unknown;
}

/**
 * An error as it may be logged: its type, a scrubbed first line, the stack's frames, and for a
 * database error only the fields that name things (code, constraint, table, column) — never
 * the query's parameters, PostgreSQL's `detail` ("Key (email)=(…)") or the quoted value in its
 * message. A drizzle error's message carries the parameters after "params:"; they are cut.
 */
export function safeError(error: unknown, depth = 0): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error, message: "[not an Error]" };
  const fields = error as Error & ErrorFields;
  const isDatabase = typeof fields.severity === "string" || typeof fields.routine === "string";
  let message = error.message.split("\nparams:")[0] ?? "";
  if (isDatabase) message = message.replace(/"[^"]*"/g, '"…"');
  const out: Record<string, unknown> = {
    type: error.name === "Error" ? error.constructor.name : error.name,
    message: scrubErrorText(message).slice(0, 2_000),
    stack: (error.stack ?? "")
      .split("\n")
      .filter((line) => line.trimStart().startsWith("at "))
      .slice(0, 15)
      .join("\n"),
  };
  for (const key of [
    "code",
    "severity",
    "routine",
    "constraint_name",
    "table_name",
    "column_name",
  ] as const) {
    if (typeof fields[key] === "string" || typeof fields[key] === "number") out[key] = fields[key];
  }
  if (fields.cause !== undefined && depth < 3) out.cause = safeError(fields.cause, depth + 1);
  return out;
}
