import { overdueDays } from "@ssp/domain";
import { and, desc, eq } from "drizzle-orm";
import { invoices, jobRuns, payments } from "../db/schema/index.js";
import { partnerScope } from "../db/scoped.js";
import type { ApiRoutes } from "../http/api-routes.js";
import type { AppDeps } from "../http/context.js";
import { AppError, validationFailed } from "../http/errors.js";
import { registerReads } from "../http/resource-reads.js";
import { jobRunJson } from "../jobs/jobs.routes.js";
import {
  ZBankTransferRequest,
  ZBillingRunFilter,
  ZBillingRunRequest,
  ZCreditNoteRequest,
  ZDunningRunRequest,
  ZInvoiceFilter,
  ZPaymentFilter,
} from "./billing.schemas.js";
import { billingWorkers, startBilling } from "./billing-run.js";
import { runDunning } from "./dunning-run.js";
import { invoiceWhere, paymentWhere } from "./finance-filters.js";
import { collectInvoice, issueCreditNote, recordBankTransfer } from "./invoice-actions.js";
import { invoiceDetails } from "./invoice-details.js";
import { deactivatePendingMethods } from "./payment-method-retirement.js";

type InvoiceRow = typeof invoices.$inferSelect;
type PaymentRow = typeof payments.$inferSelect;
type RunRow = typeof jobRuns.$inferSelect;

const invoiceJson = (r: InvoiceRow, today: string) => ({
  ...r,
  paidAt: r.paidAt?.toISOString() ?? null,
  createdAt: r.createdAt.toISOString(),
  // Only an invoice that still owes has an age; a paid or void one is never overdue.
  overdueDays: r.status === "open" ? overdueDays({ dueDate: r.dueDate, on: today }) : 0,
});

export function registerBillingRoutes(routes: ApiRoutes, deps: AppDeps): void {
  const tag = "billing";
  registerReads<InvoiceRow, typeof ZInvoiceFilter.shape>(routes, {
    resource: "invoices",
    title: "invoices (never edited once issued)",
    table: invoices,
    partnerColumn: invoices.partnerId,
    sort: {
      id: invoices.id,
      number: invoices.number,
      issueDate: invoices.issueDate,
      dueDate: invoices.dueDate,
      total: invoices.total,
      status: invoices.status,
      periodStart: invoices.periodStart,
    },
    defaultSort: ["id", "DESC"],
    filters: ZInvoiceFilter,
    where: (f, ctx) => invoiceWhere(f, ctx.clock.today()),
    toJson: async (rows, ctx, view) => {
      const today = ctx.clock.today();
      if (view === "list") return rows.map((r) => invoiceJson(r, today));
      const details = await invoiceDetails(
        ctx.tx,
        rows.map((r) => r.id),
      );
      return rows.map((r) => ({
        ...invoiceJson(r, today),
        lines: details.lines(r.id),
        payments: details.payments(r.id),
        adjustments: details.adjustments(r.id),
        balanceDue: details.balanceDue(r.id, r.total),
      }));
    },
  });
  registerReads<PaymentRow, typeof ZPaymentFilter.shape>(routes, {
    resource: "payments",
    title: "collection attempts",
    table: payments,
    partnerColumn: payments.partnerId,
    sort: {
      id: payments.id,
      invoiceId: payments.invoiceId,
      attempt: payments.attempt,
      attemptedAt: payments.attemptedAt,
      amount: payments.amount,
      status: payments.status,
      method: payments.method,
    },
    defaultSort: ["id", "DESC"],
    filters: ZPaymentFilter,
    where: (f) => paymentWhere(f),
    toJson: (rows) => rows.map((p) => ({ ...p, attemptedAt: p.attemptedAt.toISOString() })),
  });
  registerReads<RunRow, typeof ZBillingRunFilter.shape>(routes, {
    resource: "billing-runs",
    title: "billing runs (job runs of the job `billing`): issued, charged, failed, skipped, duration",
    table: jobRuns,
    partnerColumn: jobRuns.partnerId,
    sort: { id: jobRuns.id, runDate: jobRuns.runDate, startedAt: jobRuns.startedAt },
    defaultSort: ["id", "DESC"],
    filters: ZBillingRunFilter,
    where: (f) => [
      eq(jobRuns.job, "billing"),
      f.runDate ? eq(jobRuns.runDate, f.runDate) : undefined,
      f.dryRun === undefined ? undefined : eq(jobRuns.dryRun, f.dryRun),
      f.status ? eq(jobRuns.status, f.status) : undefined,
    ],
    toJson: (rows) => rows.map(jobRunJson),
  });
  routes.staff(
    {
      method: "post",
      path: "/billing/runs",
      summary:
        "Start billing for a date (dryRun: preview what would be issued, caught-up periods included); 202 with the run to watch at GET /api/jobs/:id",
      tag,
      body: ZBillingRunRequest,
      access: { resource: "billing-runs", action: "create" },
      outsideTransaction: true,
    },
    async (ctx, { body }) => {
      // Billing customers before the day comes is not a preview of anything.
      if (body.date > ctx.clock.today())
        throw validationFailed({ date: "A billing run cannot be for a day that has not come yet" });
      if (ctx.actor.partnerId === null)
        throw new AppError(403, "forbidden", "Billing runs are started by a partner's staff");
      // The run commits batch by batch on its own connections, as the platform, limited to the
      // caller's partner, behind the same lock per partner and date as the cron job and the CLI;
      // a dry run writes no invoices, so a preview never waits for, or blocks, a run.
      const start = await startBilling(deps.database, {
        gateway: deps.adapters.paymentGateway,
        now: () => deps.clock.now(),
        workers: billingWorkers(deps.database),
        partnerId: ctx.actor.partnerId,
        date: body.date,
        trigger: "api",
        dryRun: body.dryRun,
      });
      if (start.status === "locked")
        throw new AppError(
          409,
          "billing_run_in_progress",
          `A billing run for ${body.date} is already in progress`,
          undefined,
          start.runningId === null ? undefined : { runId: start.runningId },
        );
      return { status: 202, body: jobRunJson(start.run) };
    },
  );
  routes.staff(
    {
      method: "get",
      path: "/billing/runs",
      summary: "The latest billing runs",
      tag,
      access: { resource: "billing-runs", action: "list" },
    },
    async (ctx) => {
      const rows = await ctx.tx
        .select()
        .from(jobRuns)
        .where(and(eq(jobRuns.job, "billing"), partnerScope(jobRuns.partnerId, ctx.scope)))
        .orderBy(desc(jobRuns.id))
        .limit(50);
      return { body: rows.map(jobRunJson) };
    },
  );
  const invoiceEdit = { resource: "billing-runs", action: "create" } as const;
  routes.staff(
    {
      method: "post",
      path: "/invoices/:id/collect",
      summary: "Try collecting an open invoice now (next attempt)",
      tag,
      access: invoiceEdit,
    },
    async (ctx, { id }) => ({ body: await collectInvoice(ctx, id) }),
  );
  routes.staff(
    {
      method: "post",
      path: "/invoices/:id/credit-note",
      summary: "Credit part or all of an invoice (refunds what was already paid)",
      tag,
      body: ZCreditNoteRequest,
      access: invoiceEdit,
    },
    async (ctx, { id, body }) => ({
      status: 201,
      body: await issueCreditNote(ctx, { invoiceId: id, ...body }),
    }),
  );
  routes.staff(
    {
      method: "post",
      path: "/invoices/:id/payments",
      summary: "Record a bank transfer against an invoice",
      tag,
      body: ZBankTransferRequest,
      access: invoiceEdit,
    },
    async (ctx, { id, body }) => ({
      status: 201,
      body: await recordBankTransfer(ctx, { invoiceId: id, ...body }),
    }),
  );
  routes.staff(
    {
      method: "post",
      path: "/billing/dunning",
      summary: "Run collections for a date: retries, suspension, demand, default",
      tag,
      body: ZDunningRunRequest,
      access: invoiceEdit,
      outsideTransaction: true,
    },
    async (ctx, { body }) => ({
      body: await runDunning({
        db: deps.database.db,
        gateway: deps.adapters.paymentGateway,
        date: body.date,
        now: () => deps.clock.now(),
        partnerId: ctx.actor.partnerId ?? undefined,
      }),
    }),
  );
  routes.staff(
    {
      method: "post",
      path: "/billing/payment-method-deactivations",
      summary: "Deactivate ended contracts' payment methods at the gateway now (also runs hourly)",
      tag,
      access: invoiceEdit,
      outsideTransaction: true,
    },
    // Gateway calls must not run inside the request's transaction; the job claims its own rows.
    async (ctx) => ({
      body: await deactivatePendingMethods({
        db: deps.database.db,
        gateway: deps.adapters.paymentGateway,
        now: deps.clock.now(),
        partnerId: ctx.actor.partnerId ?? undefined,
      }),
    }),
  );
}
