import { CONTRACT_STATUSES } from "@ssp/domain";
import { z } from "zod";
import { ZIsoDate } from "../shared/zod-fields.js";

export const ZContractFilter = z.object({
  q: z.string().trim().max(40).optional(),
  status: z.union([z.enum(CONTRACT_STATUSES), z.array(z.enum(CONTRACT_STATUSES))]).optional(),
  customerId: z.coerce.number().int().positive().optional(),
  orderId: z.coerce.number().int().positive().optional(),
  assetId: z.coerce.number().int().positive().optional(),
});

export const ZScheduleQuery = z.object({
  months: z.coerce
    .number()
    .int()
    .min(1)
    .max(120)
    .optional()
    .describe("Periods to list for open-ended subscriptions"),
  assumeActivationOn: ZIsoDate.optional().describe(
    "For a contract not yet active: the activation date to preview",
  ),
});

export const ZPaymentMethodFilter = z.object({
  contractId: z.coerce.number().int().positive().optional(),
  customerId: z.coerce.number().int().positive().optional(),
  status: z.enum(["active", "deactivating", "inactive", "deactivation_failed"]).optional(),
});

export const ZQuoteQuery = z.object({ date: ZIsoDate });
export const ZEndContractRequest = z.object({
  date: ZIsoDate,
  reason: z.string().trim().min(2, "Give a reason").max(500),
});

/** Runs the daily end-of-term job for a date (SPEC §6: every job can be run for a date). */
export const ZEndOfTermRunRequest = z.object({ date: ZIsoDate });
