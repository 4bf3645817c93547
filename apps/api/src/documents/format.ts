/** Korean renderings for documents. Money is integer won, already computed by the domain. */
export function won(amount: number): string {
  return `${amount.toLocaleString("ko-KR")}원`;
}

/** "2026-03-02" → "2026년 3월 2일" */
export function koreanDate(isoDate: string): string {
  const [y, m, d] = isoDate.split("-").map(Number);
  return `${y}년 ${m}월 ${d}일`;
}

/** "2026-03-02" → "2026.03.02" (compact, for tables) */
export function dottedDate(isoDate: string): string {
  return isoDate.replaceAll("-", ".");
}

const seoul = new Intl.DateTimeFormat("sv-SE", {
  timeZone: "Asia/Seoul",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

/** An instant in Korea Standard Time, whatever the process's TZ: "2026-03-02 14:05:09 KST". */
export function seoulTimestamp(at: string | Date): string {
  const date = typeof at === "string" ? new Date(at) : at;
  if (Number.isNaN(date.getTime())) throw new Error(`Not a timestamp: ${String(at)}`);
  return `${seoul.format(date)} KST`;
}
