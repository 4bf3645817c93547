import { TZDate } from "@date-fns/tz";
import { agingDueDates } from "@ssp/domain";
import { addDays, format, parseISO } from "date-fns";
import { and, eq, gte, ilike, inArray, lt, lte, not, type SQL } from "drizzle-orm";
import { SEOUL } from "../clock.js";
import { invoices, payments } from "../db/schema/index.js";
import { validationFailed } from "../http/errors.js";
import { likeEscape } from "../shared/zod-fields.js";
import type { TInvoiceFilter, TPaymentFilter } from "./billing.schemas.js";

function assertOrdered(from: string | undefined, to: string | undefined, field: string): void {
  if (from && to && from > to)
    throw validationFailed({ [`filter.${field}`]: "Must not be before the start" });
}

/**
 * The invoice list's filters as SQL. "Overdue" is judged against `today` (the request's clock),
 * so simulations and tests see the same ages the dunning run acts on.
 */
export function invoiceWhere(f: TInvoiceFilter, today: string): (SQL | undefined)[] {
  assertOrdered(f.periodFrom, f.periodTo, "periodTo");
  const open = eq(invoices.status, "open");
  const pastDue = and(open, lt(invoices.dueDate, today));
  // The domain's aging rule, as a due-date range, so the filter and the invoice's chip agree.
  const bucket = f.overdueBucket ? agingDueDates({ bucket: f.overdueBucket, on: today }) : undefined;
  return [
    f.status ? inArray(invoices.status, Array.isArray(f.status) ? f.status : [f.status]) : undefined,
    f.contractId ? eq(invoices.contractId, f.contractId) : undefined,
    f.customerId ? eq(invoices.customerId, f.customerId) : undefined,
    f.issueDate ? eq(invoices.issueDate, f.issueDate) : undefined,
    f.q ? ilike(invoices.number, `%${likeEscape(f.q)}%`) : undefined,
    f.periodFrom ? gte(invoices.periodStart, f.periodFrom) : undefined,
    f.periodTo ? lte(invoices.periodStart, f.periodTo) : undefined,
    f.overdue === undefined ? undefined : f.overdue ? pastDue : not(pastDue!),
    bucket
      ? and(
          open,
          lte(invoices.dueDate, bucket.dueOnOrBefore),
          bucket.dueOnOrAfter === null ? undefined : gte(invoices.dueDate, bucket.dueOnOrAfter),
        )
      : undefined,
  ];
}

/** The instant a Seoul calendar day starts. */
const seoulMidnight = (date: string) => new TZDate(`${date}T00:00:00`, SEOUL);

export function paymentWhere(f: TPaymentFilter): (SQL | undefined)[] {
  assertOrdered(f.attemptedFrom, f.attemptedTo, "attemptedTo");
  return [
    f.invoiceId ? eq(payments.invoiceId, f.invoiceId) : undefined,
    f.status ? eq(payments.status, f.status) : undefined,
    f.method ? eq(payments.method, f.method) : undefined,
    f.attemptedFrom ? gte(payments.attemptedAt, seoulMidnight(f.attemptedFrom)) : undefined,
    // Up to, not including, the next day's midnight in Seoul: the whole last day counts.
    f.attemptedTo
      ? lt(payments.attemptedAt, seoulMidnight(format(addDays(parseISO(f.attemptedTo), 1), "yyyy-MM-dd")))
      : undefined,
  ];
}
