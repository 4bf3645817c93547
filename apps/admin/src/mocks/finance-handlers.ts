import {
  agingBucket,
  assertCanCancelContract,
  type ContractStatus,
  DomainError,
  type PlanTerms,
  splitVat,
  type TerminationQuote,
  terminationQuote,
} from "@ssp/domain";
import { HttpResponse, http } from "msw";
import { API_URL } from "../api-url";
import type { MockRecord } from "./fixtures";
import { error, mockApi, unauthorized } from "./mock-api";

/** Invoices, billing runs, collections and contract endings (SPEC §3 Billing, §4), in memory. */

const rows = (name: string): MockRecord[] => {
  mockApi.rows[name] ??= [];
  return mockApi.rows[name];
};
const find = (name: string, id: unknown) => rows(name).find((r) => String(r.id) === String(id));
const nextId = (name: string) => Math.max(0, ...rows(name).map((r) => r.id)) + 1;
const body = async (request: Request): Promise<Record<string, unknown>> =>
  ((await request.json().catch(() => ({}))) ?? {}) as Record<string, unknown>;
const won = (n: number) => `${n.toLocaleString("ko-KR")}원`;
const isDate = (v: unknown): v is string => typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v);
const isWon = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v > 0;
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

function recordOf(name: string, id: unknown, label: string): MockRecord | Response {
  if (!mockApi.session) return unauthorized();
  return find(name, id) ?? error(404, "not_found", `${label} not found`);
}

function domainError(e: unknown): Response {
  if (e instanceof DomainError) {
    return error(e.code === "business_rule" ? 422 : 409, e.code, e.message);
  }
  throw e;
}

function balance(invoice: MockRecord) {
  const credited = sum(
    rows("credit-notes")
      .filter((c) => c.invoiceId === invoice.id)
      .map((c) => Number(c.amount)),
  );
  const paid = sum(
    rows("payments")
      .filter((p) => p.invoiceId === invoice.id && p.status === "succeeded")
      .map((p) => Number(p.amount)),
  );
  return { credited, paid, owed: Math.max(0, Number(invoice.total) - credited - paid) };
}

function addAttempt(invoice: MockRecord, fields: { amount: number; method: string; gatewayRef: string }) {
  const attempt = rows("payments").filter((p) => p.invoiceId === invoice.id).length + 1;
  const row: MockRecord = {
    id: nextId("payments"),
    invoiceId: invoice.id,
    attempt,
    status: "succeeded",
    idempotencyKey: `${String(invoice.contractId)}:${invoice.id}:${attempt}`,
    failureCode: null,
    attemptedAt: new Date().toISOString(),
    ...fields,
  };
  rows("payments").push(row);
  if (balance(invoice).owed === 0) {
    invoice.status = "paid";
    invoice.paidAt = row.attemptedAt;
    invoice.overdueDays = 0;
  }
  return row;
}

function addInvoice(fields: {
  contract: MockRecord;
  kind: string;
  start: string;
  lines: { kind: string; description: string; amount: number }[];
  billingRunId: number | null;
}): MockRecord {
  const id = nextId("invoices");
  const lines = fields.lines.map((l) => ({ ...l, ...splitVat(l.amount) }));
  for (const line of lines) {
    rows("invoice-lines").push({
      id: nextId("invoice-lines"),
      invoiceId: id,
      kind: line.kind,
      description: line.description,
      supply: line.supply,
      vat: line.vat,
      amount: line.amount,
    });
  }
  const row: MockRecord = {
    id,
    number: `INV-2026-${String(id).padStart(6, "0")}`,
    contractId: fields.contract.id,
    customerId: fields.contract.customerId,
    periodKind: fields.kind,
    periodIndex: null,
    periodStart: fields.start,
    periodEnd: fields.start,
    issueDate: fields.start,
    dueDate: fields.start,
    supply: sum(lines.map((l) => l.supply)),
    vat: sum(lines.map((l) => l.vat)),
    total: sum(lines.map((l) => l.amount)),
    status: "open",
    paidAt: null,
    overdueDays: 0,
    billingRunId: fields.billingRunId,
    createdAt: new Date().toISOString(),
  };
  rows("invoices").push(row);
  return row;
}

function quoteFor(contract: MockRecord, date: string): TerminationQuote {
  return terminationQuote({
    terms: contract.terms as PlanTerms,
    activatedOn: String(contract.activatedOn),
    billingDay: Number(contract.billingDay),
    date,
  });
}

function endingBody(input: Record<string, unknown>): { date: string; reason: string } | Response {
  const errors: Record<string, string> = {};
  if (!isDate(input.date)) errors.date = "Enter a date as YYYY-MM-DD";
  if (typeof input.reason !== "string" || !input.reason.trim()) errors.reason = "Required";
  if (Object.keys(errors).length) return error(400, "validation_failed", "Some fields are invalid", errors);
  return { date: String(input.date), reason: String(input.reason) };
}

const seoulDay = (instant: unknown) =>
  new Date(String(instant)).toLocaleDateString("sv-SE", { timeZone: "Asia/Seoul" });

/**
 * One filter of the invoices and payments lists, as the API reads it. The mock has no clock,
 * so an invoice's age is its stored overdueDays.
 */
function matchesFilter(row: MockRecord, key: string, wanted: unknown): boolean {
  const overdueDays = Number(row.overdueDays);
  switch (key) {
    case "overdue":
      return (row.status === "open" && overdueDays > 0) === wanted;
    case "overdueBucket":
      return row.status === "open" && agingBucket(overdueDays) === wanted;
    case "periodFrom":
      return String(row.periodStart) >= String(wanted);
    case "periodTo":
      return String(row.periodStart) <= String(wanted);
    case "attemptedFrom":
      return seoulDay(row.attemptedAt) >= String(wanted);
    case "attemptedTo":
      return seoulDay(row.attemptedAt) <= String(wanted);
    case "q":
      return String(row.number ?? "").includes(String(wanted));
    default:
      return Array.isArray(wanted)
        ? wanted.map(String).includes(String(row[key]))
        : String(row[key]) === String(wanted);
  }
}

function financeList(name: string, request: Request): Response {
  if (!mockApi.session) return unauthorized();
  const url = new URL(request.url);
  const filter = JSON.parse(url.searchParams.get("filter") ?? "{}") as Record<string, unknown>;
  const [field, order] = JSON.parse(url.searchParams.get("sort") ?? '["id","ASC"]') as [string, string];
  const [start, end] = JSON.parse(url.searchParams.get("range") ?? "[0,24]") as [number, number];
  const found = rows(name)
    .filter((r) =>
      Object.entries(filter).every(
        ([key, wanted]) => wanted === undefined || wanted === "" || matchesFilter(r, key, wanted),
      ),
    )
    .sort((a, b) => String(a[field] ?? "").localeCompare(String(b[field] ?? ""), "en", { numeric: true }));
  if (order === "DESC") found.reverse();
  const page = found.slice(start, end + 1);
  const last = page.length ? start + page.length - 1 : start;
  return HttpResponse.json(page, {
    headers: { "Content-Range": `${name} ${start}-${last}/${found.length}` },
  });
}

export const financeHandlers = [
  http.get(`${API_URL}/invoices`, ({ request }) => financeList("invoices", request)),
  http.get(`${API_URL}/payments`, ({ request }) => financeList("payments", request)),

  http.get(`${API_URL}/invoices/:id`, ({ params }) => {
    const invoice = recordOf("invoices", params.id, "Invoice");
    if (invoice instanceof Response) return invoice;
    return HttpResponse.json({
      ...invoice,
      lines: rows("invoice-lines")
        .filter((l) => l.invoiceId === invoice.id)
        .map(({ kind, description, supply, vat, amount }) => ({ kind, description, supply, vat, amount })),
      payments: rows("payments").filter((p) => p.invoiceId === invoice.id),
      // As the API shows them: money in and credit notes, oldest first, and what is still owed.
      adjustments: [
        ...rows("payments")
          .filter((p) => p.invoiceId === invoice.id && p.status === "succeeded")
          .map((p) => ({
            kind: p.method === "bank_transfer" ? "bank_transfer" : "payment",
            amount: p.amount,
            at: p.attemptedAt,
            note: p.gatewayRef,
          })),
        ...rows("credit-notes")
          .filter((c) => c.invoiceId === invoice.id)
          .map((c) => ({ kind: "credit_note", amount: c.amount, at: c.createdAt, note: c.reason })),
      ],
      balanceDue: balance(invoice).owed,
    });
  }),

  http.post(`${API_URL}/invoices/:id/collect`, ({ params }) => {
    const invoice = recordOf("invoices", params.id, "Invoice");
    if (invoice instanceof Response) return invoice;
    const { owed } = balance(invoice);
    if (invoice.status !== "open" || owed === 0) {
      return error(409, "invoice_settled", "Only an open invoice with something owed can be collected");
    }
    return HttpResponse.json(
      addAttempt(invoice, { amount: owed, method: "sandbox", gatewayRef: `SBX-PAY-${nextId("payments")}` }),
    );
  }),

  http.post(`${API_URL}/invoices/:id/credit-note`, async ({ params, request }) => {
    const invoice = recordOf("invoices", params.id, "Invoice");
    if (invoice instanceof Response) return invoice;
    const { amount, reason } = await body(request);
    if (!isWon(amount)) {
      return error(400, "validation_failed", "Some fields are invalid", {
        amount: "A positive whole won amount",
      });
    }
    if (typeof reason !== "string" || !reason.trim()) {
      return error(400, "validation_failed", "Some fields are invalid", { reason: "Required" });
    }
    const creditable = Number(invoice.total) - balance(invoice).credited;
    if (amount > creditable) {
      return error(422, "amount_exceeds_invoice", `At most ${creditable} won can still be credited`, {
        amount: `At most ${won(creditable)}`,
      });
    }
    const note: MockRecord = {
      id: nextId("credit-notes"),
      invoiceId: invoice.id,
      amount,
      reason,
      createdAt: new Date().toISOString(),
    };
    rows("credit-notes").push(note);
    if (balance(invoice).owed === 0 && invoice.status === "open") {
      invoice.status = "paid";
      invoice.paidAt = new Date().toISOString();
    }
    return HttpResponse.json(note, { status: 201 });
  }),

  http.post(`${API_URL}/invoices/:id/payments`, async ({ params, request }) => {
    const invoice = recordOf("invoices", params.id, "Invoice");
    if (invoice instanceof Response) return invoice;
    const { amount, paidOn, reference } = await body(request);
    if (!isWon(amount) || !isDate(paidOn)) {
      return error(400, "validation_failed", "Some fields are invalid", {
        ...(isWon(amount) ? {} : { amount: "A positive whole won amount" }),
        ...(isDate(paidOn) ? {} : { paidOn: "Enter a date as YYYY-MM-DD" }),
      });
    }
    const { owed } = balance(invoice);
    if (amount > owed) {
      return error(422, "amount_exceeds_balance", `At most ${owed} won is owed`, {
        amount: `At most ${won(owed)}`,
      });
    }
    const row = addAttempt(invoice, { amount, method: "bank_transfer", gatewayRef: String(reference ?? "") });
    return HttpResponse.json(row, { status: 201 });
  }),

  // Issues one rent invoice per active contract whose billing day is the date's day, once per
  // (contract, period start); a dry run only counts. Like the API it answers 202 with the run
  // still "running"; the run's record (GET /jobs/:id) already says how it ended.
  http.post(`${API_URL}/billing/runs`, async ({ request }) => {
    if (!mockApi.session) return unauthorized();
    const { date, dryRun } = await body(request);
    if (!isDate(date)) {
      return error(400, "validation_failed", "Some fields are invalid", {
        date: "Enter a date as YYYY-MM-DD",
      });
    }
    const day = Number(date.slice(8, 10));
    const due = rows("contracts").filter((c) => c.status === "active" && Number(c.billingDay) === day);
    const already = (c: MockRecord) =>
      rows("invoices").some((i) => i.contractId === c.id && i.periodStart === date);
    const toIssue = due.filter((c) => !already(c));
    const amount = sum(toIssue.map((c) => Number((c.terms as PlanTerms).monthlyFee)));
    const runId = nextId("jobs");
    if (dryRun !== true) {
      for (const contract of toIssue) {
        const fee = Number((contract.terms as PlanTerms).monthlyFee);
        const invoice = addInvoice({
          contract,
          kind: "full",
          start: date,
          lines: [{ kind: "rent", description: "월 렌탈료", amount: fee }],
          billingRunId: runId,
        });
        addAttempt(invoice, { amount: fee, method: "sandbox", gatewayRef: `SBX-PAY-${nextId("payments")}` });
      }
    }
    const counts = {
      due: toIssue.length,
      issued: toIssue.length,
      caughtUp: 0,
      charged: dryRun === true ? 0 : toIssue.length,
      failed: 0,
      skipped: 0,
      contractsFailed: 0,
      amount,
    };
    const now = new Date().toISOString();
    const run = {
      id: runId,
      job: "billing",
      partnerId: 1,
      runDate: date,
      dryRun: dryRun === true,
      trigger: "api",
      startedAt: now,
    };
    const ended = {
      ...run,
      ...counts,
      counts,
      status: "completed",
      progress: { done: toIssue.length, total: toIssue.length },
      error: null,
      finishedAt: now,
      durationMs: 12,
      failures: [],
    };
    rows("jobs").push(ended);
    rows("billing-runs").push(ended);
    return HttpResponse.json({ ...run, status: "running" }, { status: 202 });
  }),

  http.post(`${API_URL}/billing/dunning`, async ({ request }) => {
    if (!mockApi.session) return unauthorized();
    const { date } = await body(request);
    if (!isDate(date)) {
      return error(400, "validation_failed", "Some fields are invalid", {
        date: "Enter a date as YYYY-MM-DD",
      });
    }
    const overdue = rows("invoices").filter((i) => i.status === "open" && Number(i.overdueDays) > 0);
    return HttpResponse.json({
      retried: overdue.length,
      recovered: 0,
      suspended: overdue.filter((i) => Number(i.overdueDays) >= 30).length,
      demanded: 0,
      terminated: 0,
      reactivated: 0,
    });
  }),

  http.get(`${API_URL}/contracts/:id/termination-quote`, ({ params, request }) => {
    const contract = recordOf("contracts", params.id, "Contract");
    if (contract instanceof Response) return contract;
    const date = new URL(request.url).searchParams.get("date");
    if (!isDate(date)) {
      return error(400, "validation_failed", "Some fields are invalid", {
        date: "Enter a date as YYYY-MM-DD",
      });
    }
    if (contract.status !== "active" && contract.status !== "suspended") {
      return error(409, "illegal_transition", `A ${String(contract.status)} contract cannot be terminated`);
    }
    try {
      return HttpResponse.json(quoteFor(contract, date));
    } catch (e) {
      return domainError(e);
    }
  }),

  http.post(`${API_URL}/contracts/:id/terminate`, async ({ params, request }) => {
    const contract = recordOf("contracts", params.id, "Contract");
    if (contract instanceof Response) return contract;
    const input = endingBody(await body(request));
    if (input instanceof Response) return input;
    if (contract.status !== "active" && contract.status !== "suspended") {
      return error(409, "illegal_transition", `A ${String(contract.status)} contract cannot be terminated`);
    }
    let quote: TerminationQuote;
    try {
      quote = quoteFor(contract, input.date);
    } catch (e) {
      return domainError(e);
    }
    const invoice =
      quote.total > 0
        ? addInvoice({
            contract,
            kind: "exit",
            start: input.date,
            lines: quote.items.map(({ kind, description, amount }) => ({ kind, description, amount })),
            billingRunId: null,
          })
        : null;
    Object.assign(contract, { status: "terminated", endedOn: input.date, endReason: input.reason });
    return HttpResponse.json({ contract, quote, invoiceId: invoice?.id ?? null });
  }),

  http.post(`${API_URL}/contracts/:id/cancel`, async ({ params, request }) => {
    const contract = recordOf("contracts", params.id, "Contract");
    if (contract instanceof Response) return contract;
    const input = endingBody(await body(request));
    if (input instanceof Response) return input;
    try {
      assertCanCancelContract({
        status: contract.status as ContractStatus,
        activatedOn: typeof contract.activatedOn === "string" ? contract.activatedOn : null,
        coolingOffDays: Number((contract.terms as PlanTerms).coolingOffDays),
        on: input.date,
      });
    } catch (e) {
      return domainError(e);
    }
    const invoiceIds = rows("invoices")
      .filter((i) => i.contractId === contract.id)
      .map((i) => i.id);
    const refunded = sum(
      rows("payments")
        .filter((p) => invoiceIds.includes(Number(p.invoiceId)) && p.status === "succeeded")
        .map((p) => Number(p.amount)),
    );
    Object.assign(contract, { status: "cancelled", endedOn: input.date, endReason: input.reason });
    return HttpResponse.json({ contract, refunded });
  }),
];
