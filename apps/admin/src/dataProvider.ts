import type { AssetStatus, DashboardSection, ServerText } from "@ssp/domain";
import simpleRestProvider from "ra-data-simple-rest";
import { type DataProvider, fetchUtils, type Identifier, type RaRecord } from "react-admin";
import { API_URL } from "./api-url";
import { translatableError } from "./shared/server-errors";

/**
 * Every request carries the session cookie. fetchJson rejects non-2xx answers with an
 * HttpError whose body is the API's `{code, message, errors}`; react-admin reads
 * `body.errors` to show server validation messages under the matching inputs.
 */
export const httpClient = (url: string, options: fetchUtils.Options = {}) =>
  fetchUtils.fetchJson(url, { ...options, credentials: "include" }).catch((error: unknown) => {
    throw translatableError(error);
  });

/** A rate as the counts (or won sums) it divides; `rate` is null when nothing was to divide. */
/** One delivery attempt of a sent message, with the vendor's answer. */
export interface NotificationAttempt {
  id: number;
  channel: string;
  outcome: "sent" | "retry" | "failed" | "fallback" | "stored";
  vendorCode: string | null;
  vendorMessage: string | null;
  at: string;
}

export interface Ratio {
  numerator: number;
  denominator: number;
  rate: number | null;
}

/** One month of the dashboard: only the figures the caller's role may see are present. */
export interface DashboardMonth {
  month: string;
  from: string;
  to: string;
  closed: boolean;
  mrr?: number;
  billed?: number;
  collected?: number;
  collectionRate?: Ratio;
  aging?: { notDue: number; "1-30": number; "31-60": number; "61-90": number; "90+": number };
  activeContracts?: number;
  newContracts?: number;
  endedContracts?: number;
  churnRate?: Ratio;
  utilization?: Ratio;
  approvalRate?: Ratio;
}

export interface DashboardMetrics {
  today: string;
  sections: DashboardSection[];
  months: DashboardMonth[];
  queues?: Record<string, number>;
  myWork?: { today: number; upcoming: number; installed: number };
}

export interface CreditCheckResult {
  id: Identifier;
  score: number;
  grade: number;
  outcome: "approved" | "review" | "declined";
}

export interface OrderEvent {
  id: Identifier;
  kind: string;
  fromStatus: string | null;
  toStatus: string | null;
  userId: Identifier | null;
  /** The actor's name, joined by the API. */
  userName: string | null;
  note: string | null;
  /** The note as key and parameters, rendered in the viewer's language. */
  noteText?: ServerText | null;
  detail: unknown;
  at: string;
}

export interface ContractEvent {
  id: Identifier;
  kind: string;
  ip: string | null;
  userAgent: string | null;
  detail: unknown;
  at: string;
}

export interface ScheduleLine {
  kind: string;
  description: string;
  text?: ServerText | null;
  supply: number;
  vat: number;
  amount: number;
}

/** A collection attempt as the schedule lists it under its invoice. */
export interface ScheduledPayment {
  id: Identifier;
  attempt: number;
  amount: number;
  status: "succeeded" | "failed" | "pending";
  method: string;
  attemptedAt: string;
}

/** Once invoiced, a period shows the invoice's own lines and total, and its payments. */
export interface SchedulePeriod {
  kind: "stub" | "full";
  index: number;
  start: string;
  end: string;
  lines: ScheduleLine[];
  amount: number;
  invoiceId: Identifier | null;
  invoiceNumber: string | null;
  invoiceStatus: "open" | "paid" | "void" | null;
  payments: ScheduledPayment[];
}

export interface ContractSchedule {
  activatedOn: string | null;
  preview: boolean;
  endsOn: string | null;
  periods: SchedulePeriod[];
  /** Invoices outside the schedule, e.g. the exit invoice of a termination. */
  otherInvoices: {
    kind: "exit";
    invoiceId: Identifier;
    invoiceNumber: string;
    issueDate: string;
    invoiceStatus: "open" | "paid" | "void";
    amount: number;
    lines: ScheduleLine[];
    payments: ScheduledPayment[];
  }[];
}

export interface ContractVerification {
  sealed: boolean;
  valid: boolean;
  storedSha256: string | null;
  computedSha256: string | null;
}

export interface PaymentAttempt {
  id: Identifier;
  invoiceId?: Identifier;
  attempt: number;
  amount: number;
  status: "succeeded" | "failed" | "pending";
  method: string;
  idempotencyKey: string | null;
  gatewayRef: string | null;
  failureCode: string | null;
  attemptedAt: string;
}

/** A billing run just started (202): watch it at GET /api/jobs/:id. */
export interface BillingRunStarted {
  id: Identifier;
  job: "billing";
  runDate: string;
  dryRun: boolean;
  status: "running";
}

export interface DunningSummary {
  retried: number;
  recovered: number;
  suspended: number;
  demanded: number;
  terminated: number;
  reactivated: number;
}

export interface TerminationQuoteItem {
  kind: "penalty" | "removal_fee" | "registration_clawback" | "promotion_clawback" | "late_interest";
  description: string;
  text?: ServerText | null;
  amount: number;
}

export interface TerminationQuote {
  date: string;
  usedFullPeriods: number;
  remainingMandatoryPeriods: number;
  items: TerminationQuoteItem[];
  total: number;
}

/** What ending a contract takes: the day it ends and why (the API refuses an empty reason). */
export interface ContractEnding {
  date: string;
  reason: string;
}

export type InstallSignature = { kind: "drawn"; dataUrl: string } | { kind: "typed"; text: string };

export interface SspDataProvider extends DataProvider {
  /** A status change is its own endpoint (STYLE §3), never a PUT of `status`. */
  transitionAsset(id: Identifier, params: { to: AssetStatus; note?: string }): Promise<{ data: RaRecord }>;
  /** The months from/to as YYYY-MM; by default the twelve months up to the current one. */
  getDashboardMetrics(params?: { to?: string }): Promise<{ data: DashboardMetrics }>;
  runCreditCheck(orderId: Identifier): Promise<{ data: RaRecord & { creditCheck: CreditCheckResult } }>;
  approveOrder(orderId: Identifier, reason: string): Promise<{ data: RaRecord }>;
  declineOrder(orderId: Identifier, reason: string): Promise<{ data: RaRecord }>;
  cancelOrder(orderId: Identifier, reason: string): Promise<{ data: RaRecord }>;
  draftContract(orderId: Identifier): Promise<{ data: RaRecord }>;
  allocateAsset(
    orderId: Identifier,
    assetId?: Identifier,
  ): Promise<{ data: { contract: RaRecord; asset: { id: Identifier; serialNumber: string } } }>;
  scheduleDelivery(
    orderId: Identifier,
    params: { technicianId: number; scheduledOn: string },
  ): Promise<{ data: RaRecord }>;
  installOrder(
    orderId: Identifier,
    params: { date: string; signature: InstallSignature },
  ): Promise<{ data: RaRecord }>;
  getOrderTimeline(orderId: Identifier): Promise<{ data: OrderEvent[] }>;
  sendContract(contractId: Identifier): Promise<{ data: RaRecord }>;
  sendPaymentLink(contractId: Identifier): Promise<{ data: RaRecord }>;
  getContractSchedule(contractId: Identifier): Promise<{ data: ContractSchedule }>;
  getContractEvents(contractId: Identifier): Promise<{ data: ContractEvent[] }>;
  verifyContract(contractId: Identifier): Promise<{ data: ContractVerification }>;
  getTerminationQuote(contractId: Identifier, date: string): Promise<{ data: TerminationQuote }>;
  terminateContract(
    contractId: Identifier,
    params: ContractEnding,
  ): Promise<{ data: { contract: RaRecord; quote: TerminationQuote; invoiceId: Identifier | null } }>;
  cancelContract(
    contractId: Identifier,
    params: ContractEnding,
  ): Promise<{ data: { contract: RaRecord; refunded: number } }>;
  collectInvoice(invoiceId: Identifier): Promise<{ data: PaymentAttempt }>;
  getNotificationAttempts(notificationId: Identifier): Promise<{ data: NotificationAttempt[] }>;
  resendNotification(notificationId: Identifier): Promise<{ data: RaRecord }>;
  creditInvoice(
    invoiceId: Identifier,
    params: { amount: number; reason: string },
  ): Promise<{ data: RaRecord }>;
  recordBankTransfer(
    invoiceId: Identifier,
    params: { amount: number; paidOn: string; reference: string },
  ): Promise<{ data: RaRecord }>;
  runBilling(params: { date: string; dryRun: boolean }): Promise<{ data: BillingRunStarted }>;
  runDunning(params: { date: string }): Promise<{ data: DunningSummary }>;
}

/**
 * The contract PDF, same origin and session cookie, so the browser shows it in an iframe. A URL,
 * not a data-provider method: react-admin wraps every such method to return a promise.
 */
export const contractPdfUrl = (contractId: Identifier, apiUrl: string = API_URL) =>
  `${apiUrl}/contracts/${encodeURIComponent(String(contractId))}/pdf`;

/**
 * A report's download URL (CSV or XLSX) for a period and the filter of the list it mirrors
 * (GET /api/reports/<name>.<format>).
 */
export const reportUrl = (
  input: { name: string; format: "csv" | "xlsx"; from: string; to: string; filter?: object; lang?: string },
  apiUrl: string = API_URL,
) => {
  const query = new URLSearchParams({ from: input.from, to: input.to });
  if (input.filter && Object.keys(input.filter).length > 0) query.set("filter", JSON.stringify(input.filter));
  if (input.lang) query.set("lang", input.lang);
  return `${apiUrl}/reports/${input.name}.${input.format}?${query}`;
};

/** The exit quote as a one-page PDF to hand the customer, for the same date as on screen. */
export const terminationQuotePdfUrl = (contractId: Identifier, date: string, apiUrl: string = API_URL) =>
  `${apiUrl}/contracts/${encodeURIComponent(String(contractId))}/termination-quote.pdf?date=${encodeURIComponent(date)}`;

export function createDataProvider(apiUrl: string = API_URL): SspDataProvider {
  const base = simpleRestProvider(apiUrl, httpClient);
  const path = (resource: string, id: Identifier, action: string) =>
    `${apiUrl}/${resource}/${encodeURIComponent(String(id))}/${action}`;
  const post = async <T>(url: string, body: object = {}): Promise<{ data: T }> => {
    const { json } = await httpClient(url, { method: "POST", body: JSON.stringify(body) });
    return { data: json as T };
  };
  const get = async <T>(url: string): Promise<{ data: T }> => {
    const { json } = await httpClient(url);
    return { data: json as T };
  };

  return {
    ...base,
    transitionAsset: (id, { to, note }) =>
      post(path("assets", id, "transition"), note ? { to, note } : { to }),
    getDashboardMetrics: (params) =>
      get(`${apiUrl}/metrics/dashboard${params?.to ? `?to=${encodeURIComponent(params.to)}` : ""}`),
    runCreditCheck: (orderId) => post(path("orders", orderId, "credit-check")),
    approveOrder: (orderId, reason) => post(path("orders", orderId, "approve"), { reason }),
    declineOrder: (orderId, reason) => post(path("orders", orderId, "decline"), { reason }),
    cancelOrder: (orderId, reason) => post(path("orders", orderId, "cancel"), { reason }),
    draftContract: (orderId) => post(path("orders", orderId, "contract")),
    allocateAsset: (orderId, assetId) =>
      post(path("orders", orderId, "allocate-asset"), assetId === undefined ? {} : { assetId }),
    scheduleDelivery: (orderId, params) => post(path("orders", orderId, "schedule-delivery"), params),
    installOrder: (orderId, params) => post(path("orders", orderId, "install"), params),
    getOrderTimeline: (orderId) => get(path("orders", orderId, "timeline")),
    sendContract: (contractId) => post(path("contracts", contractId, "send")),
    sendPaymentLink: (contractId) => post(path("contracts", contractId, "payment-link")),
    getContractSchedule: (contractId) => get(path("contracts", contractId, "schedule")),
    getContractEvents: (contractId) => get(path("contracts", contractId, "events")),
    verifyContract: (contractId) => get(path("contracts", contractId, "verify")),
    getTerminationQuote: (contractId, date) =>
      get(`${path("contracts", contractId, "termination-quote")}?date=${encodeURIComponent(date)}`),
    terminateContract: (contractId, params) => post(path("contracts", contractId, "terminate"), params),
    cancelContract: (contractId, params) => post(path("contracts", contractId, "cancel"), params),
    collectInvoice: (invoiceId) => post(path("invoices", invoiceId, "collect")),
    getNotificationAttempts: (id) => get(path("notifications", id, "attempts")),
    resendNotification: (id) => post(path("notifications", id, "resend")),
    creditInvoice: (invoiceId, params) => post(path("invoices", invoiceId, "credit-note"), params),
    recordBankTransfer: (invoiceId, params) => post(path("invoices", invoiceId, "payments"), params),
    runBilling: (params) => post(`${apiUrl}/billing/runs`, params),
    runDunning: (params) => post(`${apiUrl}/billing/dunning`, params),
  };
}
