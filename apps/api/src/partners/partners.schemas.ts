import { DEFAULT_ACCOUNT_CODES, JOURNAL_ACCOUNTS, type JournalAccount } from "@ssp/domain";
import { z } from "zod";
import { ZName } from "../shared/zod-fields.js";

/** Partner settings (SPEC §3): credit policy, dunning, notifications, Kakao Login, late interest. */
const ZCreditPolicy = z.object({
  approveAt: z.number().int().min(1).max(1000),
  reviewAt: z.number().int().min(1).max(1000),
});
const reviewNotAboveApproval = {
  message: "Review threshold must not exceed approval",
  path: ["reviewAt"],
};
const ZDunning = z.object({
  retryDays: z.array(z.number().int().min(1).max(30)).max(5),
  suspendAfterDays: z.number().int().min(1).max(365),
  demandAfterInvoices: z.number().int().min(1).max(12),
  demandDeadlineDays: z.number().int().min(14, "At least 14 days by law").max(90),
});
const ZNotifications = z.object({ email: z.boolean(), alimtalk: z.boolean() });
/** Kakao Login for the partner's public application page (the partner's own Kakao app). */
const ZKakaoLogin = z.object({
  enabled: z.boolean(),
  restApiKey: z.string().max(100),
  /** Sealed by security/secret-box.ts; never shown (partner-secrets.ts). */
  clientSecret: z.string().max(1_000).optional(),
});
const ZLateInterest = z.object({
  enabled: z.boolean(),
  annualRatePercent: z.number().min(0).max(6, "At most 6% a year"),
});

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

/**
 * Service visits (방문관리): how many days after its date an open visit counts as missed, and
 * whether a missed visit credits the customer automatically (a credit note of `creditAmount`).
 */
const ZVisits = z.object({
  graceDays: z.number().int().min(0).max(60),
  creditMissed: z.boolean(),
  creditAmount: z.number().int().min(0).max(1_000_000),
});

export const DEFAULT_VISIT_GRACE_DAYS = 7;

/** The owner's switch: every user of the partner signs in with a second factor. */
const ZSecurity = z.object({ requireTwoFactor: z.boolean() });

const DEFAULTS = {
  credit: { approveAt: 700, reviewAt: 600 },
  dunning: { retryDays: [1, 3, 7], suspendAfterDays: 30, demandAfterInvoices: 3, demandDeadlineDays: 14 },
  notifications: { email: true, alimtalk: false },
  kakao: { enabled: false, restApiKey: "" },
  lateInterest: { enabled: false, annualRatePercent: 6 },
  security: { requireTwoFactor: false },
  visits: { graceDays: DEFAULT_VISIT_GRACE_DAYS, creditMissed: false, creditAmount: 10_000 },
  accounting: { ...DEFAULT_ACCOUNT_CODES },
};

/** The settings as stored: every section present (defaults for those an older row lacks). */
export const ZPartnerSettings = z
  .object({
    credit: ZCreditPolicy.refine((c) => c.reviewAt <= c.approveAt, reviewNotAboveApproval).default(
      DEFAULTS.credit,
    ),
    dunning: ZDunning.default(DEFAULTS.dunning),
    notifications: ZNotifications.default(DEFAULTS.notifications),
    kakao: ZKakaoLogin.default(DEFAULTS.kakao),
    lateInterest: ZLateInterest.default(DEFAULTS.lateInterest),
    security: ZSecurity.default(DEFAULTS.security),
    visits: ZVisits.default(DEFAULTS.visits),
    accounting: ZAccountingSettings.default(DEFAULTS.accounting),
  })
  .default(DEFAULTS);

/**
 * A secret as a request sends it: a new value replaces the stored one, `null` removes it, and
 * leaving it out keeps it (the API never shows it, so a form cannot send it back).
 */
const ZSecretInput = z.string().trim().min(1, "Required").max(200).nullable().optional();

/**
 * Settings as a request sends them: any section, any field of it. What is left out stays as it
 * is (issue 14: a PUT without `settings` used to reset every setting to its default).
 */
export const ZPartnerSettingsInput = z.object({
  credit: ZCreditPolicy.partial()
    .refine(
      (c) => c.reviewAt === undefined || c.approveAt === undefined || c.reviewAt <= c.approveAt,
      reviewNotAboveApproval,
    )
    .optional(),
  dunning: ZDunning.partial().optional(),
  notifications: ZNotifications.partial().optional(),
  kakao: ZKakaoLogin.omit({ clientSecret: true }).partial().extend({ clientSecret: ZSecretInput }).optional(),
  lateInterest: ZLateInterest.partial().optional(),
  security: ZSecurity.partial().optional(),
  visits: ZVisits.partial().optional(),
  accounting: ZAccountingSettings.partial().optional(),
});

const ZSlug = z
  .string()
  .trim()
  .min(2)
  .max(40)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Lowercase letters, digits and dashes");

export const ZPartnerCreateRequest = z.object({
  name: ZName,
  slug: ZSlug,
  settings: ZPartnerSettingsInput.optional(),
});
export const ZPartnerUpdateRequest = z.object({
  name: ZName.optional(),
  settings: ZPartnerSettingsInput.optional(),
});
export type TPartnerSettingsInput = z.infer<typeof ZPartnerSettingsInput>;
export type TPartnerCreateRequest = z.infer<typeof ZPartnerCreateRequest>;
export type TPartnerUpdateRequest = z.infer<typeof ZPartnerUpdateRequest>;

export const ZPartnerFilter = z.object({ q: z.string().trim().max(100).optional() });
