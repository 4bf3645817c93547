import { PLAN_LIMITS, planTermErrors } from "@ssp/domain";
import { z } from "zod";
import { ZName, ZWon } from "../shared/zod-fields.js";

const capped = (max: number) => ZWon.max(max, `At most ${max.toLocaleString("ko-KR")}원`);
const months = (max: number) => z.number().int("Whole months").min(0).max(max);

export const ZPlanTerms = z.object({
  kind: z.enum(["rental", "subscription"]),
  monthlyFee: capped(PLAN_LIMITS.monthlyFee).min(1, "Enter the monthly fee"),
  termMonths: months(PLAN_LIMITS.termMonths).min(1).nullable(),
  mandatoryMonths: months(PLAN_LIMITS.termMonths),
  registrationFee: capped(PLAN_LIMITS.registrationFee).default(0),
  registrationFeeWaived: z.boolean().default(false),
  ownershipTransfer: z.boolean().default(false),
  serviceIntervalMonths: months(24).min(1).nullable().default(null),
  earlyTerminationRate: z.number().int("Whole percent").min(0).max(100).default(10),
  removalFee: capped(PLAN_LIMITS.removalFee).default(0),
  coolingOffDays: z.number().int().min(0).max(90).default(14),
  discountAmount: capped(PLAN_LIMITS.monthlyFee).default(0),
  discountMonths: months(PLAN_LIMITS.termMonths).default(0),
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
