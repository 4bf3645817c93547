import { splitVat } from "@ssp/domain";
import type { MockRecord } from "./fixtures";

/**
 * Billing rows for the active contract 3 (홍길동, 29,900원 a month with a 5,000원 promotion): the
 * first period paid, the second overdue after a failed charge, the third open and not yet due.
 */
export function financeRows(): Record<string, MockRecord[]> {
  return {
    invoices: [
      invoice({ id: 1, index: 1, start: "2026-01-05", end: "2026-02-04", status: "paid", overdueDays: 0 }),
      invoice({ id: 2, index: 2, start: "2026-02-05", end: "2026-03-04", status: "open", overdueDays: 45 }),
      invoice({ id: 3, index: 3, start: "2026-03-05", end: "2026-04-04", status: "open", overdueDays: 0 }),
    ],
    "invoice-lines": [1, 2, 3].map((invoiceId) => ({ id: invoiceId, invoiceId, ...rentLine(invoiceId) })),
    payments: [
      attempt({ id: 1, invoiceId: 1, status: "succeeded", gatewayRef: "SBX-PAY-0001", failureCode: null }),
      attempt({ id: 2, invoiceId: 2, status: "failed", gatewayRef: null, failureCode: "insufficient_funds" }),
    ],
    "credit-notes": [],
    "billing-runs": [billingRun],
    jobs: [
      billingRun,
      {
        ...billingRun,
        id: 2,
        job: "dunning",
        runDate: "2026-03-06",
        status: "failed",
        counts: {},
        progress: { done: 0, total: null },
        error: "database error 57P01",
      },
    ],
  };
}

const billingCounts = {
  due: 1,
  issued: 1,
  caughtUp: 0,
  charged: 0,
  failed: 0,
  skipped: 0,
  contractsFailed: 0,
  amount: 24_900,
};
const billingRun = {
  id: 1,
  job: "billing",
  partnerId: 1,
  runDate: "2026-03-05",
  dryRun: false,
  status: "completed",
  trigger: "cron",
  ...billingCounts,
  counts: billingCounts,
  progress: { done: 1, total: 1 },
  error: null,
  startedAt: "2026-03-04T21:00:00.000Z",
  finishedAt: "2026-03-04T21:00:01.200Z",
  durationMs: 1200,
  failures: [],
};

const RENT = 24_900; // 29,900 less the 5,000 promotion

function rentLine(index: number) {
  const { supply, vat } = splitVat(RENT);
  return {
    kind: "rent",
    description: `월 렌탈료 (${index}회차, 프로모션 할인 적용)`,
    supply,
    vat,
    amount: RENT,
  };
}

function invoice(f: {
  id: number;
  index: number;
  start: string;
  end: string;
  status: string;
  overdueDays: number;
}): MockRecord {
  const { supply, vat } = splitVat(RENT);
  return {
    id: f.id,
    number: `INV-2026-${String(f.id).padStart(6, "0")}`,
    contractId: 3,
    customerId: 1,
    periodKind: "full",
    periodIndex: f.index,
    periodStart: f.start,
    periodEnd: f.end,
    issueDate: f.start,
    dueDate: f.start,
    supply,
    vat,
    total: RENT,
    status: f.status,
    paidAt: f.status === "paid" ? `${f.start}T21:00:00.000Z` : null,
    overdueDays: f.overdueDays,
    billingRunId: f.id === 3 ? 1 : null,
    createdAt: `${f.start}T21:00:00.000Z`,
  };
}

function attempt(f: {
  id: number;
  invoiceId: number;
  status: string;
  gatewayRef: string | null;
  failureCode: string | null;
}): MockRecord {
  return {
    ...f,
    attempt: 1,
    amount: RENT,
    method: "sandbox",
    idempotencyKey: `3:${f.invoiceId}:1`,
    attemptedAt: "2026-02-04T21:00:00.000Z",
  };
}
