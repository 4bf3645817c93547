import {
  DEFAULT_ACCOUNT_CODES,
  JOURNAL_ACCOUNTS,
  type JournalAccount,
  normalizeBusinessNumber,
  normalizeServicePhone,
} from "@ssp/domain";
import { z } from "zod";
import { TEMPLATE_NAMES, type TemplateName, unknownVariables } from "../notifications/templates.js";
import { ZName, zPostcode } from "../shared/zod-fields.js";

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

/** A partner's alimtalk template for one event, as Kakao approved it (`#{variable}` placeholders). */
const ZAlimtalkTemplate = z
  .object({
    code: z.string().trim().max(100),
    approved: z.boolean(),
    text: z.string().max(1_000, "At most 1,000 characters"),
  })
  .strict();
const ZTemplates = z
  .partialRecord(z.enum(TEMPLATE_NAMES as [TemplateName, ...TemplateName[]]), ZAlimtalkTemplate)
  .superRefine((templates, ctx) => {
    for (const [name, template] of Object.entries(templates)) {
      const unknown = unknownVariables(name as TemplateName, template?.text ?? "");
      if (unknown.length > 0)
        ctx.addIssue({
          code: "custom",
          path: [name, "text"],
          message: `Unknown variable ${unknown.map((v) => `#{${v}}`).join(", ")}`,
        });
    }
  });

/** A sender number registered with the vendor: Korean, digits with optional dashes. */
const ZSenderPhone = z
  .string()
  .trim()
  .max(20)
  .regex(
    /^$|^0\d{1,2}-?\d{3,4}-?\d{4}$|^1[5-9]\d{2}-?\d{4}$/,
    "Enter a Korean phone number, e.g. 02-1234-5678",
  );

/** The partner's Solapi account: alimtalk through its Kakao channel, SMS/LMS from its sender number. */
const ZMessaging = z.object({
  apiKey: z.string().trim().max(100),
  /** Sealed by security/secret-box.ts; never shown (partner-secrets.ts). */
  apiSecret: z.string().max(1_000).optional(),
  /** The Kakao channel's profile id (발신프로필, pfId). */
  pfId: z.string().trim().max(100),
  senderPhone: ZSenderPhone,
  templates: ZTemplates,
});
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

/** What a relocation costs the customer unless the partner sets its own fee (won, VAT included). */
const DEFAULT_RELOCATION_FEE = 50_000;

/**
 * Service visits (방문관리): how many days after its date an open visit counts as missed, and
 * whether a missed visit credits the customer automatically (a credit note of `creditAmount`).
 * `relocationFee` (이전설치비, VAT included) is invoiced when a relocation's reinstallation is done.
 */
const ZVisits = z.object({
  graceDays: z.number().int().min(0).max(60),
  creditMissed: z.boolean(),
  creditAmount: z.number().int().min(0).max(1_000_000),
  relocationFee: z.number().int().min(0).max(1_000_000),
});

export const DEFAULT_VISIT_GRACE_DAYS = 7;

/** The owner's switch: every user of the partner signs in with a second factor. */
const ZSecurity = z.object({ requireTwoFactor: z.boolean() });

const DEFAULTS = {
  credit: { approveAt: 700, reviewAt: 600 },
  dunning: { retryDays: [1, 3, 7], suspendAfterDays: 30, demandAfterInvoices: 3, demandDeadlineDays: 14 },
  notifications: { email: true, alimtalk: false },
  kakao: { enabled: false, restApiKey: "" },
  messaging: { apiKey: "", pfId: "", senderPhone: "", templates: {} },
  lateInterest: { enabled: false, annualRatePercent: 6 },
  security: { requireTwoFactor: false },
  visits: {
    graceDays: DEFAULT_VISIT_GRACE_DAYS,
    creditMissed: false,
    creditAmount: 10_000,
    relocationFee: DEFAULT_RELOCATION_FEE,
  },
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
    messaging: ZMessaging.default(DEFAULTS.messaging),
    lateInterest: ZLateInterest.default(DEFAULTS.lateInterest),
    security: ZSecurity.default(DEFAULTS.security),
    // Settings stored before the relocation fee existed take the default fee.
    visits: ZVisits.extend({
      relocationFee: ZVisits.shape.relocationFee.default(DEFAULT_RELOCATION_FEE),
    }).default(DEFAULTS.visits),
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
  messaging: ZMessaging.omit({ apiSecret: true }).partial().extend({ apiSecret: ZSecretInput }).optional(),
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

const noControl = (s: string) => ![...s].some((c) => c < " " || c === "\u007f");
/** A free-text identity field: trimmed, no control characters; "" or null clears it. */
const ZIdentityText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters`)
    .refine(noControl, "No control characters")
    .transform((s) => s || null)
    .nullable()
    .optional();

/**
 * The lessor's identity (issue 15): what contracts, PDFs, e-mails and the public pages print.
 * Each field is optional in a request; `null` or "" clears it.
 */
export const ZPartnerIdentity = z.object({
  businessNumber: z
    .string()
    .max(20)
    .transform((s, ctx) => {
      if (s.trim() === "") return null;
      const dashed = normalizeBusinessNumber(s);
      if (!dashed)
        ctx.addIssue({ code: "custom", message: "Not a valid business registration number (check digit)" });
      return dashed ?? z.NEVER;
    })
    .nullable()
    .optional()
    .describe("사업자등록번호, 10 digits with a valid check digit; stored as 123-45-67890"),
  representative: ZIdentityText(50),
  postcode: zPostcode(),
  address: ZIdentityText(200),
  addressDetail: ZIdentityText(100),
  csPhone: z
    .string()
    .max(20)
    .transform((s, ctx) => {
      if (s.trim() === "") return null;
      const dashed = normalizeServicePhone(s);
      if (!dashed) ctx.addIssue({ code: "custom", message: "Not a phone number" });
      return dashed ?? z.NEVER;
    })
    .nullable()
    .optional(),
});

export const ZPartnerCreateRequest = ZPartnerIdentity.extend({
  name: ZName,
  slug: ZSlug,
  settings: ZPartnerSettingsInput.optional(),
});
export const ZPartnerUpdateRequest = ZPartnerIdentity.extend({
  name: ZName.optional(),
  settings: ZPartnerSettingsInput.optional(),
});
export type TPartnerIdentity = z.infer<typeof ZPartnerIdentity>;
export type TPartnerSettingsInput = z.infer<typeof ZPartnerSettingsInput>;
export type TPartnerCreateRequest = z.infer<typeof ZPartnerCreateRequest>;
export type TPartnerUpdateRequest = z.infer<typeof ZPartnerUpdateRequest>;

export const ZPartnerFilter = z.object({ q: z.string().trim().max(100).optional() });

/** At most 256 KB of PNG: what a letterhead needs, and what a JSON body carries comfortably. */
export const MAX_LOGO_BYTES = 256 * 1024;
export const ZPartnerLogoRequest = z.object({
  contentType: z.literal("image/png", { error: "The logo must be a PNG image" }),
  data: z
    .string()
    .max(Math.ceil(MAX_LOGO_BYTES / 3) * 4 + 4, "The logo may be at most 256 KB")
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, "Send the image as base64")
    .describe("The PNG's bytes, base64"),
});
export type TPartnerLogoRequest = z.infer<typeof ZPartnerLogoRequest>;
