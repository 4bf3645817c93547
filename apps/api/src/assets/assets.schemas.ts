import { ASSET_STATUSES } from "@ssp/domain";
import { z } from "zod";
import { ZIsoDate, ZWon } from "../shared/zod-fields.js";

export const ZAssetInput = z.object({
  productId: z.number().int().positive(),
  serialNumber: z
    .string()
    .trim()
    .min(1, "Required")
    .max(60)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, "Letters, digits and . _ / - only"),
  acquiredOn: ZIsoDate,
  acquisitionCost: ZWon,
  usefulLifeMonths: z.number().int().min(1).max(240).default(60),
});
export type TAssetInput = z.infer<typeof ZAssetInput>;

export const ZAssetTransitionRequest = z.object({
  to: z.enum(ASSET_STATUSES),
  note: z.string().trim().max(500).optional(),
});
export type TAssetTransitionRequest = z.infer<typeof ZAssetTransitionRequest>;

export const ZAssetFilter = z.object({
  q: z.string().trim().max(60).optional(),
  productId: z.coerce.number().int().positive().optional(),
  status: z.union([z.enum(ASSET_STATUSES), z.array(z.enum(ASSET_STATUSES))]).optional(),
  customerId: z.coerce.number().int().positive().optional(),
  contractId: z.coerce.number().int().positive().optional(),
});

export const ZAssetEventFilter = z.object({
  assetId: z.coerce.number().int().positive().optional(),
  toStatus: z.enum(ASSET_STATUSES).optional(),
});

export const ZAssetEconomicsQuery = z.object({
  productId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
});
