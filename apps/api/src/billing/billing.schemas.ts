import { MAX_LEDGER_WON } from "@ssp/domain";
import { z } from "zod";
import { ZIsoDate } from "../shared/zod-fields.js";

export const ZBillingRunRequest = z.object({ date: ZIsoDate, dryRun: z.boolean().default(false) });

const INVOICE_STATUS = z.enum(["open", "paid", "void"]);

/** SPEC §3 aging buckets, in days past the due date; "90+" is 91 days or more. */
export const OVERDUE_BUCKETS = ["1-30", "31-60", "61-90", "90+"] as const;
export type TOverdueBucket = (typeof OVERDUE_BUCKETS)[number];

/** Payment `method` as the collectors write it: the gateway, a bank transfer, or none on file. */
export const PAYMENT_METHODS = ["sandbox", "kakaopay", "toss", "bank_transfer", "none"] as const;

export const ZInvoiceFilter = z.object({
  status: z.union([INVOICE_STATUS, z.array(INVOICE_STATUS)]).optional(),
  contractId: z.coerce.number().int().positive().optional(),
  customerId: z.coerce.number().int().positive().optional(),
  issueDate: ZIsoDate.optional(),
  q: z.string().trim().max(40).optional(),
  /** Both bounds inclusive, on the period's start date. */
  periodFrom: ZIsoDate.optional(),
  periodTo: ZIsoDate.optional(),
  overdueBucket: z.enum(OVERDUE_BUCKETS, `One of: ${OVERDUE_BUCKETS.join(", ")}`).optional(),
  /** true: open and past due on the clock's today; false: everything else. */
  overdue: z.boolean("true or false").optional(),
});
export type TInvoiceFilter = z.infer<typeof ZInvoiceFilter>;

export const ZPaymentFilter = z.object({
  invoiceId: z.coerce.number().int().positive().optional(),
  status: z.enum(["succeeded", "failed", "pending"]).optional(),
  method: z.enum(PAYMENT_METHODS, `One of: ${PAYMENT_METHODS.join(", ")}`).optional(),
  /** Seoul calendar dates, both inclusive. */
  attemptedFrom: ZIsoDate.optional(),
  attemptedTo: ZIsoDate.optional(),
});
export type TPaymentFilter = z.infer<typeof ZPaymentFilter>;

export const JOB_RUN_STATUSES = ["running", "completed", "completed_with_failures", "failed"] as const;

export const ZBillingRunFilter = z.object({
  runDate: ZIsoDate.optional(),
  dryRun: z.boolean("true or false").optional(),
  status: z.enum(JOB_RUN_STATUSES, `One of: ${JOB_RUN_STATUSES.join(", ")}`).optional(),
});

const ZPositiveWon = z
  .number({ error: "Enter an amount in won" })
  .int("Won has no fractions")
  .positive("Must be more than zero")
  .max(MAX_LEDGER_WON, `At most ${MAX_LEDGER_WON.toLocaleString("ko-KR")}원`);
export const ZCreditNoteRequest = z.object({
  amount: ZPositiveWon,
  reason: z.string().trim().min(2, "Give a reason").max(500),
});
export const ZBankTransferRequest = z.object({
  amount: ZPositiveWon,
  paidOn: ZIsoDate,
  reference: z.string().trim().min(1).max(100),
});
export const ZDunningRunRequest = z.object({ date: ZIsoDate });
