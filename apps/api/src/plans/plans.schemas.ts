import { planTermErrors } from "@ssp/domain";
import { z } from "zod";
import { ZName, ZWon } from "../shared/zod-fields.js";

const months = (max: number) => z.number().int("Whole months").min(0).max(max);

export const ZPlanTerms = z.object({
  kind: z.enum(["rental", "subscription"]),
  monthlyFee: ZWon.min(1, "Enter the monthly fee"),
  termMonths: months(120).min(1).nullable(),
  mandatoryMonths: months(120),
  registrationFee: ZWon.default(0),
  registrationFeeWaived: z.boolean().default(false),
  ownershipTransfer: z.boolean().default(false),
  serviceIntervalMonths: months(24).min(1).nullable().default(null),
  earlyTerminationRate: z.number().int("Whole percent").min(0).max(100).default(10),
  removalFee: ZWon.default(0),
  coolingOffDays: z.number().int().min(0).max(90).default(14),
  discountAmount: ZWon.default(0),
  discountMonths: months(120).default(0),
});

/** Create and edit take the same body: the plan's name and product, and its full terms. */
export const ZPlanInput = ZPlanTerms.extend({
  productId: z.number().int().positive(),
  name: ZName,
  active: z.boolean().default(true),
}).superRefine((plan, ctx) => {
  for (const [path, message] of Object.entries(planTermErrors(plan)))
    ctx.addIssue({ code: "custom", path: [path], message });
});
export type TPlanInput = z.infer<typeof ZPlanInput>;

export const ZPlanFilter = z.object({
  q: z.string().trim().max(100).optional(),
  productId: z.coerce.number().int().positive().optional(),
  kind: z.enum(["rental", "subscription"]).optional(),
  active: z.boolean().optional(),
});
