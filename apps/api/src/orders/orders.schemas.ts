import { ORDER_STATUSES } from "@ssp/domain";
import { z } from "zod";
import { ZAddressDetail, zPostcode } from "../shared/zod-fields.js";

export const ZBillingDay = z.number().int("A day of the month").min(1, "1–28").max(28, "1–28");

export const ZOrderCreateRequest = z.object({
  customerId: z.number().int().positive(),
  planId: z.number().int().positive(),
  installPostcode: zPostcode(),
  /** Road address (도로명주소), or the whole address typed by hand. */
  installAddress: z.string().trim().min(5, "Enter the full install address").max(300),
  installAddressDetail: ZAddressDetail,
  billingDay: ZBillingDay,
});
export type TOrderCreateRequest = z.infer<typeof ZOrderCreateRequest>;

export const ZReasonRequest = z.object({ reason: z.string().trim().min(2, "Give a reason").max(500) });
export const ZOptionalReasonRequest = z.object({ reason: z.string().trim().max(500).optional() });

export const ZOrderFilter = z.object({
  status: z.union([z.enum(ORDER_STATUSES), z.array(z.enum(ORDER_STATUSES))]).optional(),
  customerId: z.coerce.number().int().positive().optional(),
  planId: z.coerce.number().int().positive().optional(),
});

export const ZCreditCheckFilter = z.object({
  orderId: z.coerce.number().int().positive().optional(),
  customerId: z.coerce.number().int().positive().optional(),
  outcome: z.enum(["approved", "review", "declined"]).optional(),
  /** The review queue: checks that landed in review and nobody decided yet. */
  pending: z.boolean().optional(),
});
