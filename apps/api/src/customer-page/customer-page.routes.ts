import {
  assertInvoiceOpen,
  type ContractStatus,
  type CustomerRequestType,
  contractLifecycle,
  formatAddress,
  type InvoiceStatus,
  TICKET_STATUSES,
} from "@ssp/domain";
import { and, desc, eq } from "drizzle-orm";
import type { Request } from "express";
import { recordAudit } from "../audit/record-audit.js";
import { collectInvoice } from "../billing/invoice-actions.js";
import { holderSealedDocument } from "../contracts/contract-documents.js";
import { contractSchedule } from "../contracts/contract-schedule.js";
import type { ContractRow } from "../contracts/contracts.repository.js";
import { quoteFor } from "../contracts/end-contract.js";
import { customerPageLinks, invoices, partners, paymentMethods, tickets } from "../db/schema/index.js";
import { inTenantTransaction } from "../db/tenant.js";
import type { ApiRoutes, Reply } from "../http/api-routes.js";
import { type AppDeps, publicContext, type UseCaseContext } from "../http/context.js";
import { guardForCustomer } from "../http/customer-guard.js";
import { AppError } from "../http/errors.js";
import { publicPartner } from "../partners/partner-identity.js";
import { registerCard } from "../signing/register-payment-method.js";
import { ZPaymentMethodRequest } from "../signing/signing.schemas.js";
import { MAX_VERIFY_ATTEMPTS, newToken, tokenHash } from "../signing/signing-tokens.js";
import { createTicket } from "../tickets/ticket-use-cases.js";
import { ticketTimeline } from "../tickets/tickets.repository.js";
import { ZCustomerRequest, ZInvoiceParam, ZPageVerifyRequest } from "./customer-page.schemas.js";
import {
  assertContractOpen,
  assertPageProof,
  CLOSED_CONTRACT_STATUSES,
  type CustomerPageLink,
  PAGE_PROOF_MINUTES,
  resolvePageLink,
} from "./page-links.js";

type PageContext = UseCaseContext & { actor: null; by: { kind: "customer"; customerId: number } };

const REQUEST_SUBJECTS: Record<CustomerRequestType, string> = {
  repair: "고장·수리 요청",
  relocation: "이전설치 요청",
  cancellation_request: "해지 요청",
  inquiry: "문의",
};

const STATUS_LABELS: Record<string, string> = {
  signed: "서명 완료 (설치 대기)",
  active: "이용 중",
  suspended: "일시 정지 (미납)",
  completed: "계약 만료",
  terminated: "해지됨",
  cancelled: "취소됨",
};

/**
 * The customer's own page of a contract (SPEC §3 Customer self-service), no login: the link's
 * token finds the contract, the birth date proves the customer (five misses lock the link, as on
 * the signing page), and the proof (header X-Customer-Proof) opens the rest for a while.
 */
export function registerCustomerPageRoutes(routes: ApiRoutes, deps: AppDeps): void {
  const tag = "customer page";

  async function withPage(
    req: Request,
    work: (ctx: PageContext, found: { link: CustomerPageLink; contract: ContractRow }) => Promise<Reply>,
    options: { proof: boolean } = { proof: true },
  ): Promise<Reply> {
    const token = String(req.params.token ?? "");
    const { link } = await resolvePageLink(deps.database.db, { token });
    return inTenantTransaction(
      deps.database.db,
      { kind: "partner", partnerId: link.partnerId },
      async (tx) => {
        const found = await resolvePageLink(tx, { token, lock: true });
        if (options.proof) assertPageProof(found.link, req.get("x-customer-proof"), deps.clock.now());
        return work(
          publicContext(deps, {
            tx,
            req,
            by: { kind: "customer", customerId: found.contract.customerId },
            scope: { kind: "partner", partnerId: found.link.partnerId },
          }),
          found,
        );
      },
    );
  }

  const audit = (ctx: PageContext, contract: ContractRow, action: string, after?: unknown) =>
    recordAudit(ctx, {
      entity: "contracts",
      entityId: contract.id,
      action: `customer_page:${action}`,
      partnerId: contract.partnerId,
      after,
    });

  routes.open(
    {
      method: "get",
      path: "/public/my/:token",
      summary: "What the customer's page shows before verification",
      tag,
    },
    ({ req }) =>
      withPage(
        req,
        async (ctx, { link, contract }) => {
          const [partner] = await ctx.tx.select().from(partners).where(eq(partners.id, contract.partnerId));
          return {
            body: {
              partnerName: partner!.name,
              // Who the customer deals with, shown on the page as on signing (the lessor's identity).
              partner: publicPartner(partner!),
              contractNumber: contract.number,
              productName: contract.productName,
              closed: CLOSED_CONTRACT_STATUSES.includes(contract.status),
              remainingAttempts: MAX_VERIFY_ATTEMPTS - link.failedAttempts,
            },
          };
        },
        { proof: false },
      ),
  );

  routes.open(
    {
      method: "post",
      path: "/public/my/:token/verify",
      summary: "Verify the customer by birth date (5 misses lock the link)",
      tag,
      body: ZPageVerifyRequest,
    },
    ({ req, body }) =>
      withPage(
        req,
        async (ctx, { link, contract }) => {
          if (body.birthDate !== contract.party.birthDate) {
            const attempts = link.failedAttempts + 1;
            const locked = attempts >= MAX_VERIFY_ATTEMPTS;
            await ctx.tx
              .update(customerPageLinks)
              .set({ failedAttempts: attempts, lockedAt: locked ? ctx.clock.now() : null })
              .where(eq(customerPageLinks.id, link.id));
            await audit(ctx, contract, locked ? "locked" : "verification_failed", { attempt: attempts });
            return locked
              ? {
                  status: 423,
                  body: {
                    code: "link_locked",
                    message: "본인 확인에 5회 실패하여 링크가 잠겼습니다. 고객센터로 문의해 주세요.",
                  },
                }
              : {
                  status: 401,
                  body: {
                    code: "verification_failed",
                    message: `생년월일이 일치하지 않습니다. (남은 횟수 ${MAX_VERIFY_ATTEMPTS - attempts}회)`,
                    remainingAttempts: MAX_VERIFY_ATTEMPTS - attempts,
                  },
                };
          }
          const proof = newToken();
          await ctx.tx
            .update(customerPageLinks)
            .set({
              proofHash: tokenHash(proof),
              proofExpiresAt: new Date(ctx.clock.now().getTime() + PAGE_PROOF_MINUTES * 60_000),
              failedAttempts: 0,
            })
            .where(eq(customerPageLinks.id, link.id));
          await audit(ctx, contract, "verified");
          return { body: { verified: true, proof } };
        },
        { proof: false },
      ),
  );

  routes.open(
    {
      method: "get",
      path: "/public/my/:token/overview",
      summary: "The contract, its schedule with every invoice and receipt, the next charge, requests",
      tag,
    },
    ({ req }) =>
      withPage(req, async (ctx, { contract }) => {
        const [partner] = await ctx.tx.select().from(partners).where(eq(partners.id, contract.partnerId));
        const closed = CLOSED_CONTRACT_STATUSES.includes(contract.status);
        const schedule = await contractSchedule(ctx, { contractId: contract.id, months: 60 });
        const today = ctx.clock.today();
        const bills = await ctx.tx
          .select()
          .from(invoices)
          // The holder's own: after a name transfer the invoices issued before it stay the old holder's.
          .where(and(eq(invoices.contractId, contract.id), eq(invoices.customerId, contract.customerId)))
          .orderBy(desc(invoices.periodStart), desc(invoices.id));
        const periods = new Map(schedule.periods.filter((p) => p.invoiceId).map((p) => [p.invoiceId!, p]));
        const others = new Map(schedule.otherInvoices.map((o) => [o.invoiceId, o]));
        const next = closed
          ? undefined
          : schedule.periods.find((p) => p.invoiceId === null && p.start >= today);
        const [method] = await ctx.tx
          .select({ display: paymentMethods.display, gateway: paymentMethods.gateway })
          .from(paymentMethods)
          .where(and(eq(paymentMethods.contractId, contract.id), eq(paymentMethods.status, "active")))
          .orderBy(desc(paymentMethods.id))
          .limit(1);
        const requests = await ctx.tx
          .select()
          .from(tickets)
          .where(and(eq(tickets.contractId, contract.id), eq(tickets.customerId, contract.customerId)))
          .orderBy(desc(tickets.id))
          .limit(20);
        const sealed = await holderSealedDocument(ctx.tx, contract.id);
        return {
          body: {
            partnerName: partner!.name,
            partner: publicPartner(partner!),
            closed,
            closedMessage: closed
              ? `이 계약은 ${STATUS_LABELS[contract.status]} 상태로 종료되었습니다${
                  contract.endedOn ? ` (${contract.endedOn})` : ""
                }. 지난 청구서와 영수증은 계속 보실 수 있습니다.`
              : null,
            contract: {
              number: contract.number,
              status: contract.status,
              statusLabel: STATUS_LABELS[contract.status] ?? contract.status,
              customerName: contract.party.name,
              productName: contract.productName,
              monthlyFee: contract.terms.monthlyFee,
              termMonths: contract.terms.termMonths,
              billingDay: contract.billingDay,
              activatedOn: contract.activatedOn,
              endsOn: contract.endsOn,
              endedOn: contract.endedOn,
              sealedPdf: !!sealed,
            },
            nextCharge: next ? { date: next.start, amount: next.amount } : null,
            paymentMethod: method ?? null,
            invoices: bills.map((i) => {
              const detail = periods.get(i.id) ?? others.get(i.id);
              const overdueDays =
                i.status === "open" && i.dueDate < today
                  ? Math.round((Date.parse(today) - Date.parse(i.dueDate)) / 86_400_000)
                  : 0;
              return {
                id: i.id,
                number: i.number,
                periodStart: i.periodStart,
                periodEnd: i.periodEnd,
                issueDate: i.issueDate,
                dueDate: i.dueDate,
                total: i.total,
                status: i.status,
                overdueDays,
                paidAt: i.paidAt?.toISOString() ?? null,
                lines: detail?.lines ?? [],
                receipts: (detail?.payments ?? [])
                  .filter((p) => p.status === "succeeded")
                  .map((p) => ({ amount: p.amount, method: p.method, at: p.attemptedAt })),
              };
            }),
            requests: await Promise.all(
              requests.map(async (t) => ({
                number: t.number,
                type: t.type,
                subject: t.subject,
                status: t.status,
                open: TICKET_STATUSES.indexOf(t.status as never) < 3,
                createdAt: t.createdAt.toISOString(),
                replies: (await ticketTimeline(ctx.tx, t.id, { publicOnly: true })).map((c) => ({
                  body: c.body,
                  fromCustomer: c.author.kind === "customer",
                  at: c.at,
                })),
              })),
            ),
          },
        };
      }),
  );

  routes.open(
    { method: "get", path: "/public/my/:token/pdf", summary: "The sealed contract PDF", tag },
    ({ req }) =>
      withPage(req, async (ctx, { contract }) => {
        const doc = await holderSealedDocument(ctx.tx, contract.id);
        if (!doc) throw new AppError(404, "document_missing", "서명된 계약서가 아직 없습니다.");
        return {
          body: null,
          file: { contentType: "application/pdf", bytes: doc.bytes, filename: `${contract.number}.pdf` },
        };
      }),
  );

  routes.open(
    {
      method: "get",
      path: "/public/my/:token/exit-quote",
      summary: "Today's exit quote (before a cancellation request)",
      tag,
    },
    ({ req }) =>
      withPage(req, async (ctx, { contract }) => {
        assertContractOpen(contract);
        if (!contractLifecycle.canTransition(contract.status as ContractStatus, "terminated"))
          throw new AppError(409, "not_active", "설치 전 계약은 고객센터에서 취소를 도와드립니다.");
        return { body: (await quoteFor(ctx, contract, ctx.clock.today())).quote };
      }),
  );

  routes.open(
    {
      method: "post",
      path: "/public/my/:token/requests",
      summary: "Open a request (repair, relocation, cancellation, inquiry): a ticket in the staff's queue",
      tag,
      body: ZCustomerRequest,
    },
    ({ req, body }) =>
      withPage(req, async (ctx, { contract }) => {
        assertContractOpen(contract);
        const lines = [body.body];
        const relocationAddress =
          body.type === "relocation" && body.newAddress
            ? {
                postcode: body.newPostcode ?? null,
                road: body.newAddress,
                detail: body.newAddressDetail ?? null,
              }
            : null;
        if (relocationAddress) lines.push(`이전할 주소: ${formatAddress(relocationAddress)}`);
        if (body.preferredDate) lines.push(`희망일: ${body.preferredDate}`);
        if (body.type === "cancellation_request" && ["active", "suspended"].includes(contract.status)) {
          const { quote } = await quoteFor(ctx, contract, ctx.clock.today());
          lines.push(`안내된 해지 정산액: ${quote.total.toLocaleString("ko-KR")}원 (${quote.date} 기준)`);
        }
        const ticket = await createTicket(ctx, {
          partnerId: contract.partnerId,
          source: "customer",
          type: body.type,
          subject: REQUEST_SUBJECTS[body.type],
          body: lines.join("\n"),
          customerId: contract.customerId,
          contractId: contract.id,
          relocationAddress,
        });
        return { status: 201, body: { number: ticket.number, type: ticket.type, status: ticket.status } };
      }),
  );

  routes.open(
    {
      method: "post",
      path: "/public/my/:token/invoices/:invoiceId/pay",
      summary: "Pay an overdue invoice now with the auto-pay card",
      tag,
    },
    ({ req }) =>
      withPage(req, async (ctx, { contract }) => {
        const parsed = ZInvoiceParam.safeParse(req.params);
        if (!parsed.success) throw new AppError(404, "not_found", "청구서를 찾을 수 없습니다.");
        const [invoice] = await ctx.tx
          .select({ id: invoices.id, status: invoices.status, dueDate: invoices.dueDate })
          .from(invoices)
          .where(
            and(
              eq(invoices.id, parsed.data.invoiceId),
              eq(invoices.contractId, contract.id),
              eq(invoices.customerId, contract.customerId),
            ),
          );
        if (!invoice) throw new AppError(404, "not_found", "청구서를 찾을 수 없습니다.");
        guardForCustomer(
          () => assertInvoiceOpen(invoice.status as InvoiceStatus),
          "이미 결제된 청구서입니다.",
        );
        if (invoice.dueDate > ctx.clock.today())
          throw new AppError(
            409,
            "not_due",
            "아직 납부일이 되지 않은 청구서입니다. 자동결제일에 결제됩니다.",
          );
        const payment = await collectInvoice(ctx, invoice.id);
        if ("charged" in payment) return { body: { status: "paid" } };
        if (payment.status !== "succeeded")
          return {
            status: 422,
            body: {
              code: "payment_failed",
              message: "결제가 승인되지 않았습니다. 카드를 바꾸신 뒤 다시 시도해 주세요.",
            },
          };
        return { body: { status: "paid", amount: payment.amount } };
      }),
  );

  routes.open(
    {
      method: "post",
      path: "/public/my/:token/payment-method",
      summary: "Replace the auto-pay card",
      tag,
      body: ZPaymentMethodRequest,
    },
    ({ req, body }) =>
      withPage(req, async (ctx, { contract }) => {
        assertContractOpen(contract);
        return registerCard(ctx, {
          contract,
          ...body,
          record: (kind, detail) => audit(ctx, contract, kind, detail),
        });
      }),
  );
}
