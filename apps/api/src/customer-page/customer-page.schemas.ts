import { CUSTOMER_REQUEST_TYPES } from "@ssp/domain";
import { z } from "zod";
import { ZAddressDetail, ZIsoDate, zPostcode } from "../shared/zod-fields.js";

export const ZPageVerifyRequest = z.object({ birthDate: ZIsoDate });

/** A request the customer opens from their page; it becomes a ticket (source=customer). */
export const ZCustomerRequest = z
  .object({
    type: z.enum(CUSTOMER_REQUEST_TYPES),
    body: z.string().trim().min(2, "내용을 적어 주세요").max(2000, "2000자 이내로 적어 주세요"),
    /** Relocation: where the unit moves to, in the parts of ADR 0012 (the road address required). */
    newPostcode: zPostcode("우편번호는 숫자 5자리입니다"),
    newAddress: z.string().trim().min(5, "새 주소를 모두 적어 주세요").max(300).optional(),
    newAddressDetail: ZAddressDetail,
    /** The day the customer would like a visit (repair, relocation) or the contract to end. */
    preferredDate: ZIsoDate.optional(),
  })
  .refine((r) => r.type !== "relocation" || !!r.newAddress, {
    message: "이전할 주소를 적어 주세요",
    path: ["newAddress"],
  });

export const ZInvoiceParam = z.object({ invoiceId: z.coerce.number().int().positive().max(2_147_483_647) });
