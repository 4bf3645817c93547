import { type OrderStatus, orderLifecycle } from "@ssp/domain";
import { HttpResponse, http } from "msw";
import { API_URL } from "../api-url";
import type { MockRecord } from "./fixtures";
import { error, mockApi, unauthorized } from "./mock-api";

/** The order, contract and installation actions (SPEC §5 Operations), in memory. */

const rows = (name: string): MockRecord[] => {
  mockApi.rows[name] ??= [];
  return mockApi.rows[name];
};
const find = (name: string, id: unknown) => rows(name).find((r) => String(r.id) === String(id));
const nextId = (name: string) => Math.max(0, ...rows(name).map((r) => r.id)) + 1;
const body = async (request: Request): Promise<Record<string, unknown>> =>
  ((await request.json().catch(() => ({}))) ?? {}) as Record<string, unknown>;

function move(
  order: MockRecord,
  to: OrderStatus,
  extra: { note?: string | null; kind?: string; detail?: unknown } = {},
) {
  const from = order.status as OrderStatus;
  if (!orderLifecycle.canTransition(from, to)) {
    return error(409, "illegal_transition", `An order cannot go from ${from} to ${to}`);
  }
  order.status = to;
  order.updatedAt = new Date().toISOString();
  rows("order-events").push({
    id: nextId("order-events"),
    orderId: order.id,
    kind: extra.kind ?? "status",
    fromStatus: from,
    toStatus: to,
    userId: mockApi.session?.id ?? null,
    userName: mockApi.session?.fullName ?? null,
    note: extra.note ?? null,
    detail: extra.detail ?? null,
    at: new Date().toISOString(),
  });
  return undefined;
}

/** Resolves the order of `/orders/:id/...`, or answers 401/404. */
function orderOf(id: unknown): MockRecord | Response {
  if (!mockApi.session) return unauthorized();
  return find("orders", id) ?? error(404, "not_found", "Order not found");
}

function contractOf(id: unknown): MockRecord | Response {
  if (!mockApi.session) return unauthorized();
  return find("contracts", id) ?? error(404, "not_found", "Contract not found");
}

export const funnelHandlers = [
  http.get(`${API_URL}/orders/:id/timeline`, ({ params }) => {
    const order = orderOf(params.id);
    if (order instanceof Response) return order;
    return HttpResponse.json(rows("order-events").filter((e) => e.orderId === order.id));
  }),

  http.post(`${API_URL}/orders/:id/credit-check`, ({ params }) => {
    const order = orderOf(params.id);
    if (order instanceof Response) return order;
    const customer = find("customers", order.customerId);
    const consents = customer?.consents as { creditInquiry?: unknown } | undefined;
    if (!consents?.creditInquiry) {
      return error(422, "consent_required", "The customer has not consented to a credit inquiry");
    }
    const check = {
      id: nextId("credit-checks"),
      orderId: order.id,
      customerId: order.customerId,
      bureau: "sandbox",
      score: 742,
      grade: 3,
      outcome: "approved",
      bureauRef: "SBX-0002",
      requestedBy: mockApi.session?.id ?? null,
      requestedByName: mockApi.session?.fullName ?? null,
      requestedAt: new Date().toISOString(),
      decision: null,
      decidedBy: null,
      decidedByName: null,
      decidedAt: null,
      decisionReason: null,
    };
    const refused = move(order, "credit_approved", {
      detail: { creditCheckId: check.id, score: 742, grade: 3 },
    });
    if (refused) return refused;
    rows("credit-checks").push(check);
    return HttpResponse.json({
      ...order,
      creditCheck: { id: check.id, score: 742, grade: 3, outcome: "approved" },
    });
  }),

  ...(["approve", "decline"] as const).map((action) =>
    http.post(`${API_URL}/orders/:id/${action}`, async ({ params, request }) => {
      const order = orderOf(params.id);
      if (order instanceof Response) return order;
      const { reason } = await body(request);
      if (typeof reason !== "string" || !reason.trim()) {
        return error(400, "validation_failed", "Some fields are invalid", { reason: "Required" });
      }
      if (order.status !== "credit_review") {
        return error(409, "illegal_transition", "Only an order in credit review can be decided");
      }
      move(order, action === "approve" ? "credit_approved" : "credit_declined", { note: reason });
      const check = rows("credit-checks").find((c) => c.orderId === order.id && !c.decision);
      if (check) {
        Object.assign(check, {
          decision: action === "approve" ? "approved" : "declined",
          decisionReason: reason,
          decidedBy: mockApi.session?.id ?? null,
          decidedAt: new Date().toISOString(),
        });
      }
      return HttpResponse.json(order);
    }),
  ),

  http.post(`${API_URL}/orders/:id/cancel`, async ({ params, request }) => {
    const order = orderOf(params.id);
    if (order instanceof Response) return order;
    const { reason } = await body(request);
    const refused = move(order, "cancelled", { note: typeof reason === "string" ? reason : null });
    if (refused) return refused;
    order.cancelReason = reason ?? null;
    return HttpResponse.json(order);
  }),

  http.post(`${API_URL}/orders/:id/contract`, ({ params }) => {
    const order = orderOf(params.id);
    if (order instanceof Response) return order;
    if (order.status !== "credit_approved" || order.contractId) {
      return error(409, "illegal_transition", "Only an approved order without a contract can be drafted");
    }
    const id = nextId("contracts");
    const base = find("contracts", 1) ?? {};
    const contract: MockRecord = {
      ...base,
      id,
      number: `C-2026-${String(id).padStart(6, "0")}`,
      orderId: order.id,
      customerId: order.customerId,
      status: "draft",
      assetId: null,
      signedAt: null,
      sealedSha256: null,
    };
    rows("contracts").push(contract);
    order.contractId = id;
    return HttpResponse.json(contract, { status: 201 });
  }),

  http.post(`${API_URL}/orders/:id/allocate-asset`, async ({ params, request }) => {
    const order = orderOf(params.id);
    if (order instanceof Response) return order;
    const contract = find("contracts", order.contractId);
    if (!contract) return error(409, "illegal_transition", "The order has no contract");
    const { assetId } = await body(request);
    const asset = assetId ? find("assets", assetId) : rows("assets").find((a) => a.status === "in_stock");
    if (!asset) return error(422, "out_of_stock", "No unit in stock");
    if (asset.status !== "in_stock")
      return error(409, "asset_already_held", "The asset is held by another contract");
    asset.status = "reserved";
    contract.assetId = asset.id;
    return HttpResponse.json({ contract, asset: { id: asset.id, serialNumber: asset.serialNumber } });
  }),

  http.post(`${API_URL}/orders/:id/schedule-delivery`, async ({ params, request }) => {
    const order = orderOf(params.id);
    if (order instanceof Response) return order;
    if (order.status !== "ready_to_install") {
      return error(409, "illegal_transition", "Only an order ready to install can be scheduled");
    }
    const { technicianId, scheduledOn } = await body(request);
    const contract = find("contracts", order.contractId);
    const delivery: MockRecord = {
      id: nextId("deliveries"),
      orderId: order.id,
      contractId: order.contractId,
      assetId: contract?.assetId ?? null,
      technicianId,
      technicianName: find("users", technicianId)?.name ?? null,
      contractNumber: contract?.number ?? null,
      customerName: (contract?.party as { name?: string } | undefined)?.name ?? null,
      scheduledOn,
      status: "scheduled",
      installedOn: null,
      receiptSha256: null,
    };
    rows("deliveries").push(delivery);
    return HttpResponse.json(delivery, { status: 201 });
  }),

  http.post(`${API_URL}/orders/:id/install`, async ({ params, request }) => {
    const order = orderOf(params.id);
    if (order instanceof Response) return order;
    const { date, signature } = await body(request);
    if (typeof date !== "string" || !signature) {
      return error(400, "validation_failed", "Some fields are invalid", { signature: "Required" });
    }
    const refused = move(order, "installed", { kind: "installed" });
    if (refused) return refused;
    const delivery = rows("deliveries").find((d) => d.orderId === order.id && d.status === "scheduled");
    if (delivery)
      Object.assign(delivery, { status: "installed", installedOn: date, receiptSha256: "ab".repeat(32) });
    const contract = find("contracts", order.contractId);
    if (contract) Object.assign(contract, { status: "active", activatedOn: date });
    return HttpResponse.json(order);
  }),

  http.post(`${API_URL}/contracts/:id/send`, ({ params }) => {
    const contract = contractOf(params.id);
    if (contract instanceof Response) return contract;
    if (contract.status !== "draft" && contract.status !== "sent") {
      return error(409, "illegal_transition", `A ${String(contract.status)} contract cannot be sent`);
    }
    const resend = contract.status === "sent";
    contract.status = "sent";
    const order = find("orders", contract.orderId);
    if (order && order.status === "credit_approved")
      move(order, "contract_sent", { kind: resend ? "resent" : "sent" });
    rows("signing-events").push({
      id: nextId("signing-events"),
      contractId: contract.id,
      kind: resend ? "resent" : "sent",
      ip: null,
      userAgent: null,
      detail: null,
      at: new Date().toISOString(),
    });
    return HttpResponse.json(contract);
  }),

  // A sent message's delivery attempts: an alimtalk Kakao could not deliver, then the LMS.
  http.get(`${API_URL}/notifications/:id/attempts`, ({ params }) =>
    HttpResponse.json([
      {
        id: 1,
        notificationId: Number(params.id),
        channel: "alimtalk",
        outcome: "fallback",
        vendorCode: "3104",
        vendorMessage: "카카오톡 미사용자",
        at: "2026-11-23T01:00:00.000Z",
      },
      {
        id: 2,
        notificationId: Number(params.id),
        channel: "lms",
        outcome: "sent",
        vendorCode: "2000",
        vendorMessage: "정상 접수",
        at: "2026-11-23T01:00:00.000Z",
      },
    ]),
  ),
  http.post(`${API_URL}/contracts/:id/payment-link`, ({ params }) => {
    const contract = contractOf(params.id);
    if (contract instanceof Response) return contract;
    if (contract.status !== "signed" && contract.status !== "active") {
      return error(
        409,
        "contract_not_payable",
        "서명 완료 또는 진행 중인 계약에만 결제수단 등록 링크를 보낼 수 있습니다.",
      );
    }
    rows("signing-events").push({
      id: nextId("signing-events"),
      contractId: contract.id,
      kind: "payment_link_sent",
      ip: null,
      userAgent: null,
      detail: null,
      at: new Date().toISOString(),
    });
    return HttpResponse.json(contract);
  }),

  http.get(`${API_URL}/contracts/:id/events`, ({ params }) => {
    const contract = contractOf(params.id);
    if (contract instanceof Response) return contract;
    return HttpResponse.json(rows("signing-events").filter((e) => e.contractId === contract.id));
  }),

  http.get(`${API_URL}/contracts/:id/verify`, ({ params }) => {
    const contract = contractOf(params.id);
    if (contract instanceof Response) return contract;
    const stored = typeof contract.sealedSha256 === "string" ? contract.sealedSha256 : null;
    return HttpResponse.json(
      stored
        ? { sealed: true, valid: true, storedSha256: stored, computedSha256: stored }
        : { sealed: false, valid: false, storedSha256: null, computedSha256: null },
    );
  }),

  http.get(`${API_URL}/contracts/:id/schedule`, ({ params }) => {
    const contract = contractOf(params.id);
    if (contract instanceof Response) return contract;
    const line = (description: string, amount: number) => ({
      kind: "rent",
      description,
      supply: amount - Math.floor(amount / 11),
      vat: Math.floor(amount / 11),
      amount,
    });
    return HttpResponse.json({
      activatedOn: "2026-01-10",
      preview: contract.activatedOn === null,
      endsOn: "2031-01-04",
      periods: [
        {
          kind: "stub",
          index: 0,
          start: "2026-01-10",
          end: "2026-02-04",
          lines: [line("1월 일할 렌탈료", 25074)],
          amount: 25074,
          ...(contract.activatedOn === null
            ? { invoiceId: null, invoiceNumber: null, invoiceStatus: null, payments: [] }
            : {
                invoiceId: 1,
                invoiceNumber: "INV-202601-00000001",
                invoiceStatus: "paid",
                payments: [
                  {
                    id: 1,
                    attempt: 1,
                    amount: 25074,
                    status: "succeeded",
                    method: "sandbox",
                    attemptedAt: "2026-01-10T00:00:00.000Z",
                  },
                ],
              }),
        },
        {
          kind: "full",
          index: 1,
          start: "2026-02-05",
          end: "2026-03-04",
          lines: [line("렌탈료", 24900)],
          amount: 24900,
          invoiceId: null,
          invoiceNumber: null,
          invoiceStatus: null,
          payments: [],
        },
      ],
      otherInvoices: [],
    });
  }),
];
