import { z } from "zod";
import { ZCustomerInput } from "../customers/customers.schemas.js";

/**
 * Who takes the contract over: a customer the partner already has, or a new one registered on
 * the spot (with the consent to a credit inquiry the check needs).
 */
export const ZTransferRequest = z.object({
  newHolder: z.union([
    z.object({ customerId: z.number().int().positive() }).strict(),
    z.object({ customer: ZCustomerInput }).strict(),
  ]),
  note: z.string().trim().max(500).optional(),
});
export type TTransferRequest = z.infer<typeof ZTransferRequest>;

export const ZTransferCreditDecision = z.object({
  approve: z.boolean(),
  reason: z.string().trim().min(2).max(500),
});
export type TTransferCreditDecision = z.infer<typeof ZTransferCreditDecision>;

export const ZTransferCancelRequest = z.object({ reason: z.string().trim().min(2).max(500) });
