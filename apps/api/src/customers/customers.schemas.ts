import { normalizePhone } from "@ssp/domain";
import { z } from "zod";
import { ZAddressDetail, ZIsoDate, ZName, zPostcode } from "../shared/zod-fields.js";

const ZPhone = z
  .string()
  .trim()
  .transform((s, ctx) => {
    const phone = normalizePhone(s);
    if (!phone) {
      ctx.addIssue({ code: "custom", message: "Enter a Korean phone number, e.g. 010-1234-5678" });
      return z.NEVER;
    }
    return phone;
  });

/**
 * A consent in a request: true records it now (or keeps the time it was first given),
 * false/null withdraws it. A timestamp string is what the API sent out; it means "keep".
 */
export const ZConsent = z.union([z.boolean(), z.iso.datetime({ offset: true }), z.null()]);

/** How the customer wants to be told (notifications/outbox.ts `chooseChannel`). */
export const CUSTOMER_CHANNELS = ["alimtalk", "email"] as const;

export const ZCustomerInput = z.object({
  name: ZName,
  birthDate: ZIsoDate.refine((d) => d >= "1900-01-01", "Too early"),
  phone: ZPhone,
  email: z.union([z.email("Enter a valid e-mail").max(200), z.literal(""), z.null()]).optional(),
  postcode: zPostcode(),
  /** Road address (도로명주소). */
  address: z.string().trim().max(300).nullable().optional(),
  addressDetail: ZAddressDetail,
  consents: z
    .object({
      privacy: ZConsent.optional(),
      creditInquiry: ZConsent.optional(),
      marketing: ZConsent.optional(),
    })
    .optional(),
  /** null: the partner's default order (alimtalk first); absent on update: unchanged. */
  preferredChannel: z.enum(CUSTOMER_CHANNELS).nullable().optional(),
  tags: z.array(z.string().trim().min(1).max(30)).max(20).optional(),
});
export const ZCustomerCreateRequest = ZCustomerInput;
export const ZCustomerUpdateRequest = ZCustomerInput;
export type TCustomerInput = z.infer<typeof ZCustomerInput>;

export const ZCustomerFilter = z.object({
  q: z.string().trim().max(100).optional(),
  tags: z.union([z.string().max(30), z.array(z.string().max(30)).max(10)]).optional(),
});

export const CUSTOMER_SORTABLE = [
  "id",
  "name",
  "birthDate",
  "phone",
  "email",
  "createdAt",
  "updatedAt",
] as const;
