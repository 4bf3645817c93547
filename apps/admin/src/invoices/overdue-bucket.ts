/** SPEC §3 aging buckets, for display only; the list itself comes from the API's filters. */
export const OVERDUE_BUCKETS = ["1-30", "31-60", "61-90", "90+"] as const;
export type OverdueBucket = (typeof OVERDUE_BUCKETS)[number];

export function overdueBucket(days: number): OverdueBucket | null {
  if (days <= 0) return null;
  if (days <= 30) return "1-30";
  if (days <= 60) return "31-60";
  if (days <= 90) return "61-90";
  return "90+";
}
