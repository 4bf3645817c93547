import { z } from "zod";
import { ZIsoDate } from "../shared/zod-fields.js";
import { ZSignature } from "../signing/signing.schemas.js";

export const ZAllocateAssetRequest = z.object({ assetId: z.number().int().positive().optional() });

export const ZScheduleDeliveryRequest = z.object({
  technicianId: z.number().int().positive(),
  scheduledOn: ZIsoDate,
});

/** The technician records the installation with the customer's confirmation signature. */
export const ZInstallRequest = z.object({
  date: ZIsoDate,
  signature: ZSignature,
});

export const ZDeliveryFilter = z.object({
  status: z.enum(["scheduled", "installed", "cancelled"]).optional(),
  technicianId: z.coerce.number().int().positive().optional(),
  orderId: z.coerce.number().int().positive().optional(),
  scheduledOn: ZIsoDate.optional(),
});
