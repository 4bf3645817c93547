import { API_URL } from "../../api-url";
import { ko } from "../strings";

/** An API error as the public pages see it: the API's `{code, message}` plus whatever else it sent. */
export class PublicApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly body: Record<string, unknown>;

  constructor(options: { status: number; code: string; message: string; body?: Record<string, unknown> }) {
    super(options.message);
    this.status = options.status;
    this.code = options.code;
    this.body = options.body ?? {};
  }

  /** Field messages of a 400 validation error, keyed by field name. */
  get fieldErrors(): Record<string, string> {
    const errors = this.body.errors;
    if (!errors || typeof errors !== "object") return {};
    return Object.fromEntries(
      Object.entries(errors as Record<string, unknown>).filter(
        (entry): entry is [string, string] => typeof entry[1] === "string",
      ),
    );
  }

  numberField(name: string): number | undefined {
    const value = this.body[name];
    return typeof value === "number" ? value : undefined;
  }
}

export function apiUrl(path: string): string {
  return `${API_URL}${path}`;
}

/**
 * JSON in, JSON out, against the same-origin API. Anything that is not a 2xx becomes a
 * PublicApiError whose message is safe to show a customer (the API's Korean message, or a
 * friendly fallback; never a stack trace).
 */
export async function publicRequest<T>(
  path: string,
  options: { method?: "GET" | "POST"; body?: unknown; headers?: Record<string, string> } = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(apiUrl(path), {
      method: options.method ?? "GET",
      credentials: "same-origin",
      headers: {
        Accept: "application/json",
        ...(options.body === undefined ? {} : { "Content-Type": "application/json" }),
        ...options.headers,
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new PublicApiError({ status: 0, code: "network_error", message: ko.common.networkError });
  }
  const body = await readJson(response);
  if (response.ok) return body as T;
  const record = body && typeof body === "object" ? (body as Record<string, unknown>) : {};
  throw new PublicApiError({
    status: response.status,
    code: typeof record.code === "string" ? record.code : `http_${response.status}`,
    // A 500's message is the server's business; gateway errors (502–504) carry a Korean one.
    message:
      typeof record.message === "string" && record.message && response.status !== 500
        ? record.message
        : ko.common.unexpectedError,
    body: record,
  });
}

/** A file (the contract PDF) from the API; errors as `publicRequest` reports them. */
export async function publicBlob(path: string, headers: Record<string, string>): Promise<Blob> {
  let response: Response;
  try {
    response = await fetch(apiUrl(path), { credentials: "same-origin", headers });
  } catch {
    throw new PublicApiError({ status: 0, code: "network_error", message: ko.common.networkError });
  }
  if (response.ok) return response.blob();
  const record = (await readJson(response)) as Record<string, unknown> | null;
  throw new PublicApiError({
    status: response.status,
    code: typeof record?.code === "string" ? record.code : `http_${response.status}`,
    message: typeof record?.message === "string" ? record.message : ko.common.unexpectedError,
    body: record ?? {},
  });
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The message to show for anything thrown by a request. */
export function messageOf(error: unknown): string {
  return error instanceof PublicApiError ? error.message : ko.common.unexpectedError;
}
