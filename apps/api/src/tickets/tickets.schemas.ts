import { CUSTOMER_REQUEST_TYPES, TICKET_PRIORITIES, TICKET_STATUSES, TICKET_TYPES } from "@ssp/domain";
import { z } from "zod";
import { ZAddressDetail, ZIsoDate, zPostcode } from "../shared/zod-fields.js";

const ZId = z.number().int().positive().max(2_147_483_647);
const ZSubject = z.string().trim().min(2, "Write a subject").max(200, "At most 200 characters");
const ZBody = z.string().trim().min(1, "Required").max(5000, "At most 5000 characters");

export const ZTicketCreateRequest = z.object({
  type: z.enum(TICKET_TYPES),
  priority: z.enum(TICKET_PRIORITIES).optional(),
  subject: ZSubject,
  body: ZBody,
  customerId: ZId,
  contractId: ZId.nullish(),
  assetId: ZId.nullish(),
  assigneeId: ZId.nullish(),
  /** A billing dispute's invoices (of the same customer). */
  invoiceIds: z.array(ZId).max(50).optional(),
});
export type TTicketCreateRequest = z.infer<typeof ZTicketCreateRequest>;

/** Assignment, priority and status: each present field is a change, taken through `moveTicket`. */
export const ZTicketUpdateRequest = z.object({
  status: z.enum(TICKET_STATUSES).optional(),
  assigneeId: ZId.nullable().optional(),
  priority: z.enum(TICKET_PRIORITIES).optional(),
  /** Why (kept on the timeline with the change). */
  note: z.string().trim().max(1000).optional(),
});
export type TTicketUpdateRequest = z.infer<typeof ZTicketUpdateRequest>;

export const ZTicketCommentRequest = z.object({
  /** `reply` is shown to the customer; `note` is internal. */
  kind: z.enum(["reply", "note"]),
  body: ZBody,
});

export const ZTicketFilter = z.object({
  q: z.string().trim().max(100).optional(),
  status: z.union([z.enum(TICKET_STATUSES), z.array(z.enum(TICKET_STATUSES))]).optional(),
  type: z.union([z.enum(TICKET_TYPES), z.array(z.enum(TICKET_TYPES))]).optional(),
  priority: z.enum(TICKET_PRIORITIES).optional(),
  assigneeId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  customerId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  contractId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  /** Only tickets still open (not resolved or closed). */
  open: z.boolean().optional(),
  /** Only open tickets past their SLA. */
  breached: z.boolean().optional(),
  /** Nobody assigned yet. */
  unassigned: z.boolean().optional(),
});

export const ZConfirmCancellationRequest = z.object({
  /** The termination date (today if left out). */
  date: ZIsoDate.optional(),
  reason: z.string().trim().min(2, "Give a reason").max(500).optional(),
});

export const ZTicketCreditNoteRequest = z.object({
  invoiceId: ZId,
  amount: z.number().int("Whole won").positive("More than 0").max(100_000_000),
  reason: z.string().trim().min(2, "Give a reason").max(500),
});

export const ZLinkInvoicesRequest = z.object({ invoiceIds: z.array(ZId).min(1).max(50) });

export const ZCustomerRequestTypes = z.enum(CUSTOMER_REQUEST_TYPES);

const ZVisitDate = ZIsoDate;
const ZTechnician = ZId.optional();

/** A repair ticket's visit: when, and optionally who. */
export const ZRepairVisitRequest = z.object({
  scheduledOn: ZVisitDate,
  technicianId: ZTechnician,
  notes: z.string().trim().max(2_000, "At most 2000 characters").optional(),
});
export type TRepairVisitRequest = z.infer<typeof ZRepairVisitRequest>;

/**
 * A relocation: the removal and reinstallation days and where the unit goes, in the parts the
 * contract keeps (ADR 0012): postcode and detail optional, the road address required.
 */
export const ZRelocationRequest = z.object({
  removalOn: ZVisitDate,
  reinstallOn: ZVisitDate,
  newPostcode: zPostcode(),
  newAddress: z
    .string()
    .trim()
    .min(5, "Enter the full new address")
    .max(300, "At most 300 characters")
    .describe("도로명주소 (the road address)"),
  newAddressDetail: ZAddressDetail,
  technicianId: ZTechnician,
});
export type TRelocationRequest = z.infer<typeof ZRelocationRequest>;
