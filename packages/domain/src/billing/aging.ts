import { addDays, differenceInCalendarDays, format, parseISO } from "date-fns";

/**
 * Receivables aging (SPEC §3 "Reports and metrics"): how many days an unpaid invoice is past its
 * due date on a given Seoul day, and the bucket that puts it in. The API's list filter and
 * aging report, the invoice JSON's `overdueDays`, the dashboard and the admin's chip all read
 * these, so a 30-day-old invoice sits in the same bucket everywhere.
 */
export const AGING_BUCKETS = ["1-30", "31-60", "61-90", "90+"] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

/** Days past due, both ends inclusive; `to: null` is open-ended. "90+" starts at 91 days. */
export const AGING_BUCKET_DAYS: Readonly<Record<AgingBucket, { from: number; to: number | null }>> = {
  "1-30": { from: 1, to: 30 },
  "31-60": { from: 31, to: 60 },
  "61-90": { from: 61, to: 90 },
  "90+": { from: 91, to: null },
};

/**
 * Whole Seoul calendar days from the due date to `on`; 0 on the due date and before it (an
 * invoice is never overdue on the day it is due). The caller decides whether the invoice still
 * owes anything on `on`: a settled invoice has no age.
 */
export function overdueDays(input: { dueDate: string; on: string }): number {
  return Math.max(0, differenceInCalendarDays(parseISO(input.on), parseISO(input.dueDate)));
}

/** The bucket for a number of days past due; null when not past due. */
export function agingBucket(days: number): AgingBucket | null {
  if (!(days >= 1)) return null;
  return AGING_BUCKETS.find((b) => {
    const { from, to } = AGING_BUCKET_DAYS[b];
    return days >= from && (to === null || days <= to);
  })!;
}

const iso = (d: Date) => format(d, "yyyy-MM-dd");

/**
 * The due dates that put an unpaid invoice in `bucket` on `on`, both ends inclusive, for a
 * range query: `dueOnOrAfter` is null for the open-ended last bucket.
 */
export function agingDueDates(input: { bucket: AgingBucket; on: string }): {
  dueOnOrAfter: string | null;
  dueOnOrBefore: string;
} {
  const { from, to } = AGING_BUCKET_DAYS[input.bucket];
  const on = parseISO(input.on);
  return {
    dueOnOrAfter: to === null ? null : iso(addDays(on, -to)),
    dueOnOrBefore: iso(addDays(on, -from)),
  };
}
