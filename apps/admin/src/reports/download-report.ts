import { reportUrl } from "../dataProvider";
import { serverErrorKey } from "../shared/server-errors";

export type ReportName =
  | "billing-register"
  | "sales-summary"
  | "payments"
  | "receivables-aging"
  | "adjustments"
  | "depreciation"
  | "unit-economics"
  | "journal";

export const REPORT_NAMES: ReportName[] = [
  "billing-register",
  "sales-summary",
  "payments",
  "receivables-aging",
  "adjustments",
  "depreciation",
  "unit-economics",
  "journal",
];

export interface ReportRequest {
  name: ReportName;
  format: "csv" | "xlsx";
  from: string;
  to: string;
  filter?: object;
  lang?: string;
}

/**
 * The API's `{code, message, errors}` as one line: the i18n key of a known code (the caller
 * translates it), else the message with each field's reason.
 */
async function errorText(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { code?: string; message?: string; errors?: Record<string, string> };
    const known = serverErrorKey(body.code);
    if (known && body.code !== "validation_failed") return known;
    const fields = Object.entries(body.errors ?? {}).map(([k, v]) => `${k}: ${v}`);
    return [body.message, ...fields].filter(Boolean).join(" — ") || `HTTP ${res.status}`;
  } catch {
    return `HTTP ${res.status}`;
  }
}

/** The file name the API gave (Content-Disposition), Korean included. */
function fileName(res: Response, fallback: string): string {
  const header = res.headers.get("content-disposition") ?? "";
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star) return decodeURIComponent(star[1]!);
  return /filename="([^"]+)"/i.exec(header)?.[1] ?? fallback;
}

/**
 * Downloads a report with the session cookie, reporting the bytes received as they come (the
 * size is not known in advance: the API streams), then hands the file to the browser to save.
 */
export function downloadReport(request: ReportRequest, onProgress: (bytes: number) => void): Promise<string> {
  return downloadFile(reportUrl(request), `${request.name}.${request.format}`, onProgress);
}

/** Any streamed download of the API (a report, the data archive), saved under the API's name. */
export async function downloadFile(
  url: string,
  fallbackName: string,
  onProgress: (bytes: number) => void,
): Promise<string> {
  const res = await fetch(url, { credentials: "include" });
  if (!res.ok || !res.body) throw new Error(await errorText(res));
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.length;
    onProgress(received);
  }
  const name = fileName(res, fallbackName);
  const blob = URL.createObjectURL(
    new Blob(chunks as BlobPart[], { type: res.headers.get("content-type") ?? "" }),
  );
  const link = document.createElement("a");
  link.href = blob;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(blob), 60_000);
  return name;
}

export const megabytes = (bytes: number) =>
  `${(bytes / 1_000_000).toLocaleString("ko-KR", { maximumFractionDigits: 1 })} MB`;
