import { normalizePhone } from "@ssp/domain";
import { z } from "zod";
import { ZBillingDay } from "../orders/orders.schemas.js";
import { ZAddressDetail, ZIsoDate, ZName, zPostcode } from "../shared/zod-fields.js";

/** The version of the terms the public page shows; consents are recorded with it. */
export const TERMS_VERSION = "2026-11";

export const ZPhoneNumber = z
  .string()
  .trim()
  .transform((s, ctx) => {
    const phone = normalizePhone(s);
    if (!phone) {
      ctx.addIssue({ code: "custom", message: "휴대폰 번호를 확인해 주세요" });
      return z.NEVER;
    }
    return phone;
  });

const ZSlug = z.string().trim().min(2).max(40);

export const ZVerifyPhoneRequest = z.object({ partner: ZSlug, phone: ZPhoneNumber });
export const ZConfirmPhoneRequest = z.object({
  partner: ZSlug,
  phone: ZPhoneNumber,
  code: z.string().regex(/^\d{6}$/, "6자리 숫자"),
});
export const ZPartnerQuery = z.object({ partner: ZSlug });
export const ZKakaoCallbackQuery = z.object({
  code: z.string().min(1).max(500),
  state: z.string().min(1).max(200),
});

export const ZApplyRequest = z.object({
  name: ZName,
  birthDate: ZIsoDate.refine((d) => d >= "1900-01-01", "Too early"),
  phone: ZPhoneNumber,
  email: z.email("이메일 주소를 확인해 주세요").max(200),
  consents: z.object({
    privacy: z.literal(true, { error: "필수 동의 항목입니다" }),
    creditInquiry: z.literal(true, { error: "필수 동의 항목입니다" }),
    marketing: z.boolean(),
  }),
  termsVersion: z.literal(TERMS_VERSION, { error: "약관이 변경되었습니다. 새로고침 후 다시 동의해 주세요" }),
  planId: z.number().int().positive(),
  installPostcode: zPostcode("우편번호는 숫자 5자리입니다"),
  /** Road address (도로명주소), or the whole address typed by hand. */
  installAddress: z.string().trim().min(5, "설치 주소를 입력해 주세요").max(300),
  installAddressDetail: ZAddressDetail,
  billingDay: ZBillingDay,
});
export type TApplyRequest = z.infer<typeof ZApplyRequest>;
