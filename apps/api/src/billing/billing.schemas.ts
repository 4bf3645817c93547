import { z } from "zod";
import { ZIsoDate } from "../shared/zod-fields.js";

export const ZBillingRunRequest = z.object({ date: ZIsoDate, dryRun: z.boolean().default(false) });

export const ZInvoiceFilter = z.object({
  status: z.union([z.enum(["open", "paid", "void"]), z.array(z.enum(["open", "paid", "void"]))]).optional(),
  contractId: z.coerce.number().int().positive().optional(),
  customerId: z.coerce.number().int().positive().optional(),
  issueDate: ZIsoDate.optional(),
  q: z.string().trim().max(40).optional(),
});

export const ZPaymentFilter = z.object({
  invoiceId: z.coerce.number().int().positive().optional(),
  status: z.enum(["succeeded", "failed", "pending"]).optional(),
});

export const ZBillingRunFilter = z.object({ runDate: ZIsoDate.optional() });

const ZPositiveWon = z
  .number({ error: "Enter an amount in won" })
  .int("Won has no fractions")
  .positive("Must be more than zero")
  .max(1_000_000_000);
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
