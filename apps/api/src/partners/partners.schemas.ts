import { DEFAULT_ACCOUNT_CODES, JOURNAL_ACCOUNTS, type JournalAccount } from "@ssp/domain";
import { z } from "zod";
import { ZName } from "../shared/zod-fields.js";

const ZAccountCode = z.object({
  code: z
    .string()
    .trim()
    .min(1, "Required")
    .max(20, "At most 20 characters")
    .regex(/^[0-9A-Za-z-]+$/, "Digits, letters and dashes"),
  name: z
    .string()
    .trim()
    .min(1, "Required")
    .max(40, "At most 40 characters")
    .refine((s) => ![...s].some((c) => c < " "), "No control characters"),
});

/** The journal's accounts (매출전표), in the partner's own chart of accounts. */
export const ZAccountingSettings = z.object(
  Object.fromEntries(JOURNAL_ACCOUNTS.map((a) => [a, ZAccountCode])) as Record<
    JournalAccount,
    typeof ZAccountCode
  >,
);

/** Partner settings (SPEC §3): credit policy, dunning, notifications, late interest. */
export const ZPartnerSettings = z
  .object({
    credit: z
      .object({ approveAt: z.number().int().min(1).max(1000), reviewAt: z.number().int().min(1).max(1000) })
      .refine((c) => c.reviewAt <= c.approveAt, {
        message: "Review threshold must not exceed approval",
        path: ["reviewAt"],
      })
      .default({ approveAt: 700, reviewAt: 600 }),
    dunning: z
      .object({
        retryDays: z.array(z.number().int().min(1).max(30)).max(5),
        suspendAfterDays: z.number().int().min(1).max(365),
        demandAfterInvoices: z.number().int().min(1).max(12),
        demandDeadlineDays: z.number().int().min(14, "At least 14 days by law").max(90),
      })
      .default({
        retryDays: [1, 3, 7],
        suspendAfterDays: 30,
        demandAfterInvoices: 3,
        demandDeadlineDays: 14,
      }),
    notifications: z
      .object({ email: z.boolean(), alimtalk: z.boolean() })
      .default({ email: true, alimtalk: false }),
    /** Kakao Login for the partner's public application page (the partner's own Kakao app). */
    kakao: z
      .object({
        enabled: z.boolean(),
        restApiKey: z.string().max(100),
        clientSecret: z.string().max(100).optional(),
      })
      .default({ enabled: false, restApiKey: "" }),
    lateInterest: z
      .object({
        enabled: z.boolean(),
        annualRatePercent: z.number().min(0).max(6, "At most 6% a year"),
      })
      .default({ enabled: false, annualRatePercent: 6 }),
    accounting: ZAccountingSettings.default({ ...DEFAULT_ACCOUNT_CODES }),
  })
  .default({
    credit: { approveAt: 700, reviewAt: 600 },
    dunning: { retryDays: [1, 3, 7], suspendAfterDays: 30, demandAfterInvoices: 3, demandDeadlineDays: 14 },
    notifications: { email: true, alimtalk: false },
    kakao: { enabled: false, restApiKey: "" },
    lateInterest: { enabled: false, annualRatePercent: 6 },
    accounting: { ...DEFAULT_ACCOUNT_CODES },
  });

export const ZPartnerCreateRequest = z.object({
  name: ZName,
  slug: z
    .string()
    .trim()
    .min(2)
    .max(40)
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Lowercase letters, digits and dashes"),
  settings: ZPartnerSettings,
});
export const ZPartnerUpdateRequest = ZPartnerCreateRequest.omit({ slug: true });
export type TPartnerCreateRequest = z.infer<typeof ZPartnerCreateRequest>;
export type TPartnerUpdateRequest = z.infer<typeof ZPartnerUpdateRequest>;

export const ZPartnerFilter = z.object({ q: z.string().trim().max(100).optional() });
