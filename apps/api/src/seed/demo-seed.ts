import { type PlanTerms, text } from "@ssp/domain";
import { sql } from "drizzle-orm";
import { hashPassword } from "../auth/passwords.js";
import { type Db, rowsOf } from "../db/client.js";
import {
  assetEvents,
  assets,
  customers,
  partners,
  plans,
  planVersions,
  products,
  users,
} from "../db/schema/index.js";
import { noteColumns } from "../shared/note-columns.js";
import { birthDate, koreanAddress, koreanName, mobilePhone, prng } from "./korean-names.js";

export const DEMO_PASSWORD = "demo-pass-2026";

export const DEMO_LOGINS = [
  { email: "operator@ssp.kr", role: "operator", partner: null, name: "플랫폼 운영자" },
  { email: "owner@demo.kr", role: "owner", partner: "demo", name: "김대표" },
  { email: "manager@demo.kr", role: "manager", partner: "demo", name: "이매니저" },
  { email: "cs@demo.kr", role: "cs", partner: "demo", name: "박상담" },
  { email: "finance@demo.kr", role: "finance", partner: "demo", name: "최재무" },
  { email: "tech@demo.kr", role: "technician", partner: "demo", name: "정기사" },
  { email: "owner@barun.kr", role: "owner", partner: "barun", name: "한바른" },
] as const;

type Catalog = {
  name: string;
  model: string;
  category: string;
  cost: number;
  plans: (PlanTerms & { name: string })[];
}[];

const BASE: PlanTerms = {
  kind: "rental",
  monthlyFee: 29_900,
  termMonths: 36,
  mandatoryMonths: 36,
  registrationFee: 100_000,
  registrationFeeWaived: false,
  ownershipTransfer: true,
  serviceIntervalMonths: 4,
  earlyTerminationRate: 10,
  removalFee: 0,
  coolingOffDays: 14,
  discountAmount: 0,
  discountMonths: 0,
};

const DEMO_CATALOG: Catalog = [
  {
    name: "CHP-7210N 냉온정수기",
    model: "CHP-7210N",
    category: "정수기",
    cost: 420_000,
    plans: [
      { ...BASE, name: "냉온정수기 36개월 렌탈" },
      {
        ...BASE,
        name: "냉온정수기 60개월 렌탈 (등록비 면제 · 6개월 5천원 할인)",
        monthlyFee: 27_900,
        termMonths: 60,
        registrationFeeWaived: true,
        discountAmount: 5_000,
        discountMonths: 6,
      },
    ],
  },
  {
    name: "WPU-8230C 직수 정수기",
    model: "WPU-8230C",
    category: "정수기",
    cost: 310_000,
    plans: [
      { ...BASE, name: "직수 정수기 39개월 렌탈", monthlyFee: 24_900, termMonths: 39, mandatoryMonths: 36 },
    ],
  },
  {
    name: "AP-1019C 공기청정기",
    model: "AP-1019C",
    category: "공기청정기",
    cost: 260_000,
    plans: [
      {
        ...BASE,
        name: "공기청정기 정기구독",
        kind: "subscription",
        monthlyFee: 19_900,
        termMonths: null,
        mandatoryMonths: 12,
        registrationFee: 0,
        ownershipTransfer: false,
        serviceIntervalMonths: 2,
      },
    ],
  },
  {
    name: "BA-16 스마트 비데",
    model: "BA-16",
    category: "비데",
    cost: 180_000,
    plans: [
      {
        ...BASE,
        name: "스마트 비데 36개월 렌탈",
        monthlyFee: 16_900,
        registrationFee: 50_000,
        serviceIntervalMonths: 6,
      },
    ],
  },
  {
    name: "MC-9000 안마의자",
    model: "MC-9000",
    category: "안마의자",
    cost: 2_400_000,
    plans: [
      {
        ...BASE,
        name: "안마의자 48개월 렌탈",
        monthlyFee: 89_000,
        termMonths: 48,
        mandatoryMonths: 36,
        registrationFee: 0,
        removalFee: 50_000,
        serviceIntervalMonths: null,
      },
    ],
  },
];

const BARUN_CATALOG: Catalog = [
  {
    name: "BC-300 얼음정수기",
    model: "BC-300",
    category: "정수기",
    cost: 520_000,
    plans: [{ ...BASE, name: "얼음정수기 36개월", monthlyFee: 39_900 }],
  },
  {
    name: "BC-AIR 공기청정기",
    model: "BC-AIR",
    category: "공기청정기",
    cost: 230_000,
    plans: [{ ...BASE, name: "공기청정기 24개월", monthlyFee: 21_900, termMonths: 24, mandatoryMonths: 12 }],
  },
];

const TAGS = ["VIP", "법인", "재계약", "이사예정", "다자녀"];

/** Seeds the demo installation (SPEC §7) unless partners already exist. Returns whether it did. */
export async function seedDemo(
  db: Db,
  options: { today: string; customersPerPartner?: number } = { today: "2026-11-23" },
) {
  const existing = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from partners`));
  if (Number(existing[0]?.n ?? 0) > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  await db.transaction(async (tx) => {
    const [demo] = await tx
      .insert(partners)
      .values({
        name: "데모렌탈",
        slug: "demo",
        settings: defaultSettings(),
        // The lessor's identity every contract and public page prints (a made-up, check-digit-valid number).
        businessNumber: "214-87-65433",
        representative: "김대표",
        postcode: "06236",
        address: "서울특별시 강남구 테헤란로 152",
        addressDetail: "12층",
        csPhone: "1588-0000",
      })
      .returning();
    const [barun] = await tx
      .insert(partners)
      .values({ name: "바른케어", slug: "barun", settings: defaultSettings() })
      .returning();
    const partnerIds = { demo: demo!.id, barun: barun!.id };
    await tx.insert(users).values(
      DEMO_LOGINS.map((u) => ({
        email: u.email,
        name: u.name,
        role: u.role,
        partnerId: u.partner ? partnerIds[u.partner] : null,
        passwordHash,
      })),
    );
    const count = options.customersPerPartner ?? 300;
    await seedPartner(tx as unknown as Db, {
      partnerId: demo!.id,
      catalog: DEMO_CATALOG,
      customers: count,
      seed: 1,
      today: options.today,
    });
    await seedPartner(tx as unknown as Db, {
      partnerId: barun!.id,
      catalog: BARUN_CATALOG,
      customers: Math.ceil(count / 6),
      seed: 2,
      today: options.today,
    });
  });
  return true;
}

export function defaultSettings() {
  return {
    credit: { approveAt: 700, reviewAt: 600 },
    dunning: { retryDays: [1, 3, 7], suspendAfterDays: 30, demandAfterInvoices: 3, demandDeadlineDays: 14 },
    notifications: { email: true, alimtalk: false },
    lateInterest: { enabled: false, annualRatePercent: 6 },
  };
}

async function seedPartner(
  tx: Db,
  input: { partnerId: number; catalog: Catalog; customers: number; seed: number; today: string },
): Promise<void> {
  const rand = prng(input.seed);
  const { partnerId } = input;
  for (const item of input.catalog) {
    const [product] = await tx
      .insert(products)
      .values({ partnerId, name: item.name, model: item.model, category: item.category })
      .returning();
    for (const { name, ...terms } of item.plans) {
      const [plan] = await tx.insert(plans).values({ partnerId, productId: product!.id, name }).returning();
      const [version] = await tx
        .insert(planVersions)
        .values({ partnerId, planId: plan!.id, version: 1, ...terms })
        .returning();
      await tx.execute(sql`update plans set current_version_id = ${version!.id} where id = ${plan!.id}`);
    }
    const statuses = [
      "in_stock",
      "in_stock",
      "in_stock",
      "installed",
      "installed",
      "returned",
      "refurbishing",
      "retired",
    ];
    for (let n = 1; n <= 12; n++) {
      const status = statuses[n % statuses.length]!;
      const [asset] = await tx
        .insert(assets)
        .values({
          partnerId,
          productId: product!.id,
          serialNumber: `${item.model.replace(/-/g, "")}-2026-${String(n).padStart(5, "0")}`,
          status,
          acquiredOn: `2026-0${1 + (n % 9)}-1${n % 10}`,
          acquisitionCost: item.cost,
          usefulLifeMonths: 60,
        })
        .returning();
      await tx.insert(assetEvents).values({
        partnerId,
        assetId: asset!.id,
        fromStatus: null,
        toStatus: status,
        ...noteColumns(text("asset.initial")),
      });
    }
  }
  const rows = Array.from({ length: input.customers }, (_, i) => {
    const tags = rand() < 0.15 ? [TAGS[Math.floor(rand() * TAGS.length)]!] : [];
    const consented = `${input.today}T00:00:00.000Z`;
    const name = koreanName(rand);
    const born = birthDate(rand);
    const address = koreanAddress(rand);
    return {
      partnerId,
      name,
      birthDate: born,
      phone: mobilePhone(input.seed * 100_000 + i),
      email: `customer${input.seed}${String(i).padStart(4, "0")}@example.kr`,
      postcode: address.postcode,
      address: address.road,
      addressDetail: address.detail,
      consentPrivacyAt: consented,
      consentCreditInquiryAt: rand() < 0.9 ? consented : null,
      consentMarketingAt: rand() < 0.4 ? consented : null,
      tags,
    };
  });
  for (let i = 0; i < rows.length; i += 500) await tx.insert(customers).values(rows.slice(i, i + 500));
}
