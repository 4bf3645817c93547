import { z } from "zod";
import { ZIsoDate } from "../shared/zod-fields.js";

export const ZVerifySignerRequest = z.object({ birthDate: ZIsoDate });

/** The clauses the signer must agree to one by one (SPEC §3 E-signature). */
export const REQUIRED_CLAUSES = [
  { id: "contract", title: "렌탈 계약 내용(요금, 기간, 일정)에 동의합니다" },
  { id: "penalty", title: "의무사용기간 내 해지 시 위약금 규정에 동의합니다" },
  { id: "coolingOff", title: "청약철회 안내를 확인했습니다" },
  { id: "privacy", title: "개인정보 수집·이용 및 전자서명에 동의합니다" },
] as const;

const MAX_SIGNATURE_BYTES = 400_000;

export const ZSignature = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("drawn"),
    dataUrl: z
      .string()
      .regex(/^data:image\/png;base64,[A-Za-z0-9+/=]+$/, "A PNG data URL")
      .max(Math.ceil((MAX_SIGNATURE_BYTES * 4) / 3) + 30, "The drawing is too large"),
  }),
  z.object({ kind: z.literal("typed"), text: z.string().trim().min(2, "Type your full name").max(40) }),
]);

export const ZSignContractRequest = z.object({
  agreements: z.object(
    Object.fromEntries(
      REQUIRED_CLAUSES.map((c) => [c.id, z.literal(true, { error: "Agreement is required" })]),
    ) as Record<(typeof REQUIRED_CLAUSES)[number]["id"], z.ZodLiteral<true>>,
  ),
  signature: ZSignature,
});
export type TSignContractRequest = z.infer<typeof ZSignContractRequest>;

export const ZDeclineRequest = z.object({ reason: z.string().trim().min(2, "Tell us why").max(500) });

export const ZPaymentMethodRequest = z.object({
  cardNumber: z.string().regex(/^[0-9 -]{13,23}$/, "Enter the card number"),
  expiry: z.string().regex(/^(0[1-9]|1[0-2])\/\d{2}$/, "MM/YY"),
});

export const ZRedirectApprovalQuery = z.object({
  order: z.string().min(1).max(80),
  pg_token: z.string().min(1).max(200),
});
