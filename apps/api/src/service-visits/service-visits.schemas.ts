import { VISIT_KINDS, VISIT_STATUSES } from "@ssp/domain";
import { z } from "zod";
import { ZIsoDate } from "../shared/zod-fields.js";
import { ZSignature } from "../signing/signing.schemas.js";

const ZUserId = z.number().int().positive().max(2_147_483_647);
const ZReason = z.string().trim().min(2, "Tell us why").max(500, "At most 500 characters");

/** A visit booked by hand for one of the partner's contracts: a regular one, or a repair. */
export const ZVisitCreateRequest = z.object({
  contractId: ZUserId,
  kind: z.enum(VISIT_KINDS).extract(["regular", "repair"]).default("regular"),
  scheduledOn: ZIsoDate,
  technicianId: ZUserId.optional(),
  notes: z.string().trim().max(2_000, "At most 2000 characters").optional(),
});
export type TVisitCreateRequest = z.infer<typeof ZVisitCreateRequest>;

export const ZVisitAssignRequest = z.object({ technicianId: ZUserId });

export const ZVisitRescheduleRequest = z.object({ scheduledOn: ZIsoDate, reason: ZReason });

export const ZVisitCancelRequest = z.object({ reason: ZReason });

export const ZVisitPart = z.object({
  name: z.string().trim().min(1, "Required").max(100, "At most 100 characters"),
  quantity: z.number().int().min(1).max(1_000),
});

/** The technician completes the visit: what was done, parts used, the customer's signature. */
export const ZVisitCompleteRequest = z.object({
  notes: z.string().trim().min(1, "Describe what was done").max(2_000, "At most 2000 characters"),
  partsUsed: z.array(ZVisitPart).max(50).default([]),
  signature: ZSignature,
  /** The unit's serial number as entered or scanned on site; checked against the asset. */
  serialNumber: z.string().trim().min(1).max(100).optional(),
});
export type TVisitCompleteRequest = z.infer<typeof ZVisitCompleteRequest>;

const ZBool = z.enum(["true", "false"]).transform((v) => v === "true");

export const ZVisitFilter = z.object({
  status: z.enum(VISIT_STATUSES).optional(),
  technicianId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  contractId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  customerId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  ticketId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  kind: z.enum(VISIT_KINDS).optional(),
  scheduledOn: ZIsoDate.optional(),
  scheduledFrom: ZIsoDate.optional(),
  scheduledTo: ZIsoDate.optional(),
  missed: z.union([z.boolean(), ZBool]).optional(),
});

export const ZDateQuery = z.object({ date: ZIsoDate });

/** The technicians' load on a day; with the contract or order the job is for, who covers its address. */
export const ZTechniciansQuery = z.object({
  date: ZIsoDate,
  contractId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  orderId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
});

export const ZTechnicianDayQuery = z.object({
  date: ZIsoDate.optional(),
  technicianId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
});
