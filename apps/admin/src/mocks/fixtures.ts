import { permissionsOf, type Role } from "@ssp/domain";
import type { Me } from "../authProvider";
import { financeRows } from "./finance-fixtures";

export type MockRecord = Record<string, unknown> & { id: number };

export const DEMO_PASSWORD = "demo-pass-2026";

const staff: { email: string; fullName: string; role: Role }[] = [
  { email: "owner@demo.kr", fullName: "김대표", role: "owner" },
  { email: "manager@demo.kr", fullName: "이매니저", role: "manager" },
  { email: "cs@demo.kr", fullName: "박상담", role: "cs" },
  { email: "finance@demo.kr", fullName: "최재무", role: "finance" },
  { email: "tech@demo.kr", fullName: "정기사", role: "technician" },
];

export const demoUsers: Me[] = staff.map((u, i) => ({
  id: i + 1,
  ...u,
  partnerId: 1,
  partnerName: "데모렌탈",
  permissions: permissionsOf(u.role),
}));

export function userForRole(role: Role): Me {
  const user = demoUsers.find((u) => u.role === role);
  if (!user) throw new Error(`No demo user for ${role}`);
  return user;
}

const at = "2026-01-05T01:00:00.000Z";

/** A fresh copy of the demo rows, so tests can change them freely. */
export function demoRows(): Record<string, MockRecord[]> {
  return {
    partners: [
      {
        id: 1,
        name: "데모렌탈",
        slug: "demo",
        createdAt: at,
        settings: {
          credit: { approveAt: 700, reviewAt: 600 },
          dunning: {
            retryDays: [1, 3, 7],
            suspendAfterDays: 30,
            demandAfterInvoices: 3,
            demandDeadlineDays: 14,
          },
          notifications: { email: true, alimtalk: false },
          lateInterest: { enabled: false, annualRatePercent: 6 },
        },
      },
    ],
    users: demoUsers.map((u) => ({
      id: Number(u.id),
      partnerId: 1,
      email: u.email,
      name: u.fullName,
      role: u.role,
      active: true,
      createdAt: at,
    })),
    products: [
      {
        id: 1,
        name: "CHP-7210N 정수기",
        model: "CHP-7210N",
        category: "정수기",
        createdAt: at,
        updatedAt: at,
      },
      {
        id: 2,
        name: "AP-1019 공기청정기",
        model: "AP-1019",
        category: "공기청정기",
        createdAt: at,
        updatedAt: at,
      },
    ],
    plans: [
      {
        id: 1,
        productId: 1,
        name: "정수기 60개월 렌탈",
        active: true,
        kind: "rental",
        monthlyFee: 29900,
        termMonths: 60,
        mandatoryMonths: 36,
        registrationFee: 100000,
        registrationFeeWaived: true,
        ownershipTransfer: true,
        serviceIntervalMonths: 4,
        earlyTerminationRate: 10,
        removalFee: 30000,
        coolingOffDays: 14,
        discountAmount: 5000,
        discountMonths: 12,
        version: 1,
        versionId: 1,
        createdAt: at,
        updatedAt: at,
      },
    ],
    customers: [
      {
        id: 1,
        name: "홍길동",
        birthDate: "1985-03-12",
        phone: "010-1234-5678",
        email: "hong@example.kr",
        address: "서울특별시 중구 세종대로 110",
        consents: { privacy: at, creditInquiry: at, marketing: null },
        preferredChannel: null,
        tags: ["VIP"],
        createdAt: at,
      },
      {
        id: 2,
        name: "김영희",
        birthDate: "1990-07-01",
        phone: "010-9876-4321",
        email: null,
        address: "부산광역시 해운대구 센텀중앙로 79",
        consents: { privacy: at, creditInquiry: null, marketing: null },
        preferredChannel: "email",
        tags: [],
        createdAt: at,
      },
    ],
    assets: [
      {
        id: 1,
        productId: 1,
        serialNumber: "CHP7210N-000001",
        status: "installed",
        acquiredOn: "2025-01-10",
        acquisitionCost: 600000,
        usefulLifeMonths: 60,
        bookValue: 480000,
        contractId: null,
        customerId: 1,
        createdAt: at,
      },
      {
        id: 2,
        productId: 2,
        serialNumber: "AP1019-000001",
        status: "in_stock",
        acquiredOn: "2025-06-01",
        acquisitionCost: 300000,
        usefulLifeMonths: 60,
        bookValue: 270000,
        contractId: null,
        customerId: null,
        createdAt: at,
      },
    ],
    "asset-events": [
      {
        id: 1,
        assetId: 1,
        fromStatus: "reserved",
        toStatus: "installed",
        at,
        contractId: null,
        userId: 2,
        userName: "이매니저",
        note: null,
      },
    ],
    "audit-logs": [
      {
        id: 1,
        userId: 2,
        userName: "이매니저",
        entity: "customers",
        entityId: "1",
        action: "update",
        before: { name: "홍길동", tags: [] },
        after: { name: "홍길동", tags: ["VIP"] },
        ip: "127.0.0.1",
        at,
      },
    ],
    orders: [
      order({ id: 1, customerId: 1, status: "received" }),
      order({ id: 2, customerId: 2, status: "credit_review" }),
      order({ id: 3, customerId: 1, status: "contract_sent", contractId: 1 }),
      order({ id: 4, customerId: 1, status: "ready_to_install", contractId: 2 }),
    ],
    "order-events": [
      {
        id: 1,
        orderId: 1,
        kind: "status",
        fromStatus: null,
        toStatus: "received",
        userId: 2,
        userName: "이매니저",
        note: "전화 접수",
        detail: null,
        at,
      },
      {
        id: 2,
        orderId: 2,
        kind: "status",
        fromStatus: "received",
        toStatus: "credit_review",
        userId: 2,
        userName: "이매니저",
        note: null,
        detail: { creditCheckId: 1, score: 650, grade: 5, outcome: "review" },
        at,
      },
    ],
    "credit-checks": [
      {
        id: 1,
        orderId: 2,
        customerId: 2,
        bureau: "sandbox",
        score: 650,
        grade: 5,
        outcome: "review",
        bureauRef: "SBX-0001",
        requestedBy: 2,
        requestedByName: "이매니저",
        requestedAt: at,
        decision: null,
        decidedBy: null,
        decidedByName: null,
        decidedAt: null,
        decisionReason: null,
      },
    ],
    contracts: [
      contract({
        id: 1,
        number: "C-2026-000001",
        orderId: 3,
        status: "sent",
        assetId: null,
        sealedSha256: null,
      }),
      contract({
        id: 2,
        number: "C-2026-000002",
        orderId: 4,
        status: "signed",
        assetId: 2,
        signedAt: "2026-01-06T02:00:00.000Z",
        sealedSha256: "3f1c0a9e".repeat(8),
      }),
      contract({
        id: 3,
        number: "C-2026-000003",
        orderId: 5,
        status: "active",
        assetId: null,
        signedAt: "2026-01-03T02:00:00.000Z",
        activatedOn: "2026-01-05",
        endsOn: "2031-01-04",
        sealedSha256: "9b2e4d71".repeat(8),
      }),
    ],
    "signing-events": [
      { id: 1, contractId: 2, kind: "sent", ip: null, userAgent: null, detail: null, at },
      {
        id: 2,
        contractId: 2,
        kind: "opened",
        ip: "203.0.113.7",
        userAgent: "Mozilla/5.0 (iPhone)",
        detail: null,
        at,
      },
      {
        id: 3,
        contractId: 2,
        kind: "verified",
        ip: "203.0.113.7",
        userAgent: "Mozilla/5.0 (iPhone)",
        detail: null,
        at,
      },
      {
        id: 4,
        contractId: 2,
        kind: "signed",
        ip: "203.0.113.7",
        userAgent: "Mozilla/5.0 (iPhone)",
        detail: null,
        at: "2026-01-06T02:00:00.000Z",
      },
    ],
    "payment-methods": [
      {
        id: 1,
        customerId: 1,
        contractId: 2,
        gateway: "sandbox",
        display: "카드 **** 4242",
        status: "active",
        createdAt: "2026-01-06T02:01:00.000Z",
      },
    ],
    deliveries: [
      {
        id: 1,
        orderId: 4,
        contractId: 2,
        assetId: 2,
        technicianId: 5,
        technicianName: "정기사",
        contractNumber: "C-2026-000002",
        customerName: "홍길동",
        scheduledOn: "2026-01-10",
        status: "scheduled",
        installedOn: null,
        receiptSha256: null,
      },
    ],
    notifications: [
      {
        id: 1,
        channel: "email",
        to: "hong@example.kr",
        template: "contract_sent",
        subject: "[데모렌탈] 전자계약서 서명 요청",
        body: "홍길동 고객님,\n데모렌탈 렌탈 계약서가 도착했습니다.\n아래 링크에서 서명해 주세요.",
        status: "sent",
        attempts: 1,
        lastError: null,
        entity: "contracts",
        entityId: 1,
        createdAt: at,
        sentAt: at,
      },
    ],
    ...financeRows(),
  };
}

function order(fields: { id: number; customerId: number; status: string; contractId?: number }): MockRecord {
  return {
    planId: 1,
    planVersionId: 1,
    installAddress: "서울특별시 중구 세종대로 110",
    billingDay: 5,
    contractId: null,
    source: "staff",
    cancelReason: null,
    createdAt: at,
    updatedAt: at,
    ...fields,
  };
}

function contract(fields: Record<string, unknown> & { id: number; orderId: number }): MockRecord {
  return {
    customerId: 1,
    planVersionId: 1,
    billingDay: 5,
    installAddress: "서울특별시 중구 세종대로 110",
    activatedOn: null,
    endsOn: null,
    endedOn: null,
    terms: {
      kind: "rental",
      monthlyFee: 29900,
      termMonths: 60,
      mandatoryMonths: 36,
      registrationFee: 100000,
      registrationFeeWaived: true,
      ownershipTransfer: true,
      serviceIntervalMonths: 4,
      earlyTerminationRate: 10,
      removalFee: 30000,
      coolingOffDays: 14,
      discountAmount: 5000,
      discountMonths: 12,
    },
    party: { name: "홍길동", birthDate: "1985-03-12", phone: "010-1234-5678", email: "hong@example.kr" },
    productName: "CHP-7210N 정수기",
    productModel: "CHP-7210N",
    draftedOn: "2026-01-05",
    signedAt: null,
    ...fields,
  };
}
