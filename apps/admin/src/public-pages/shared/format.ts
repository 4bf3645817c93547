import { ko } from "../strings";

const grouped = new Intl.NumberFormat("ko-KR", { maximumFractionDigits: 0 });

/** Integer won, grouped the Korean way: 29,900원. Formatting only; no arithmetic here. */
export function formatWon(amount: number): string {
  return ko.common.won(grouped.format(amount));
}

/** 2026-05-01T… → 2026년 5월 1일 오후 3:00, in Korea's time zone. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat("ko-KR", {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: "Asia/Seoul",
  }).format(date);
}

/** Digits typed in any shape (19900101, 1990.01.01) → 1990-01-01 as the user types. */
export function formatBirthDateInput(raw: string): string {
  const digits = raw.replace(/\D/g, "").slice(0, 8);
  if (digits.length <= 4) return digits;
  if (digits.length <= 6) return `${digits.slice(0, 4)}-${digits.slice(4)}`;
  return `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6)}`;
}

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}
