/**
 * A report column: its key, its Korean and English headers, and what its values are. The type
 * decides the XLSX cell (number with the won format, a real date) and how CSV writes it (won as
 * plain integers, dates as YYYY-MM-DD, Seoul times as YYYY-MM-DD HH:mm:ss).
 */
export type ColumnType = "text" | "id" | "count" | "won" | "date" | "datetime" | "rate";

export interface ReportColumn {
  key: string;
  ko: string;
  en: string;
  type: ColumnType;
  /** Width in characters for XLSX; a default per type otherwise. */
  width?: number;
}

export type ReportLanguage = "ko" | "en";

export const col = (key: string, ko: string, en: string, type: ColumnType, width?: number): ReportColumn => ({
  key,
  ko,
  en,
  type,
  width,
});

export const headerOf = (c: ReportColumn, lang: ReportLanguage) => (lang === "en" ? c.en : c.ko);

/**
 * A whole number from the database: int4 arrives as a number, sums (int8 / numeric) as text.
 * Converted exactly or refused: a won beyond 2^53 would be rounded silently as a double.
 */
export function exactNumber(value: unknown): number | null {
  if (value === null || value === undefined || value === "") return null;
  const n = typeof value === "number" ? value : Number(value);
  if (!Number.isSafeInteger(n)) {
    if (typeof value === "string" && /^-?\d+\.\d+$/.test(value)) return Number(value);
    throw new Error(`not an exact number: ${String(value)}`);
  }
  return n;
}
