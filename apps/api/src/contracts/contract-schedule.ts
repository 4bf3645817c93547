import { billingSchedule } from "@ssp/domain";
import { asc, eq } from "drizzle-orm";
import { invoiceDetails } from "../billing/invoice-details.js";
import { invoices } from "../db/schema/index.js";
import type { StaffContext } from "../http/context.js";
import { notFound } from "../http/errors.js";
import { findContract } from "./contracts.repository.js";

/**
 * A contract's payment schedule (SPEC §5): every period with its dates and amounts. A period
 * already invoiced shows what the invoice really says — its lines (a late-interest line
 * included), total, status and payment attempts — so the schedule, the invoice and the money
 * received are one chain. Invoices outside the schedule (the exit invoice) are listed after it.
 * Before activation it is a preview from an assumed activation date.
 */
export async function contractSchedule(
  ctx: Pick<StaffContext, "tx" | "scope" | "clock">,
  input: { contractId: number; assumeActivationOn?: string; months?: number },
) {
  const contract = await findContract(ctx.tx, ctx.scope, input.contractId);
  if (!contract) throw notFound("Contract");
  const activatedOn = contract.activatedOn ?? input.assumeActivationOn ?? ctx.clock.today();
  const schedule = billingSchedule({
    terms: contract.terms,
    activatedOn,
    billingDay: contract.billingDay,
    horizonMonths: input.months ?? 12,
  });
  const issued = await ctx.tx
    .select()
    .from(invoices)
    .where(eq(invoices.contractId, contract.id))
    .orderBy(asc(invoices.periodStart), asc(invoices.id));
  const details = await invoiceDetails(
    ctx.tx,
    issued.map((i) => i.id),
  );
  const paymentsOf = (invoiceId: number) =>
    details.payments(invoiceId).map(({ id, attempt, amount, status, method, attemptedAt }) => ({
      id,
      attempt,
      amount,
      status,
      method,
      attemptedAt,
    }));
  const scheduled = new Map(
    issued.filter((i) => i.periodKind !== "exit").map((i) => [`${i.periodKind}|${i.periodStart}`, i]),
  );
  return {
    activatedOn,
    preview: contract.activatedOn === null,
    endsOn: schedule.endsOn,
    periods: schedule.periods.map((p) => {
      const invoice = scheduled.get(`${p.kind}|${p.start}`);
      if (!invoice) return { ...p, invoiceId: null, invoiceNumber: null, invoiceStatus: null, payments: [] };
      return {
        ...p,
        lines: details.lines(invoice.id),
        amount: invoice.total,
        invoiceId: invoice.id,
        invoiceNumber: invoice.number,
        invoiceStatus: invoice.status,
        paidAt: invoice.paidAt?.toISOString() ?? null,
        payments: paymentsOf(invoice.id),
        adjustments: details.adjustments(invoice.id),
        balanceDue: details.balanceDue(invoice.id, invoice.total),
      };
    }),
    otherInvoices: issued
      .filter((i) => i.periodKind === "exit")
      .map((i) => ({
        kind: i.periodKind,
        invoiceId: i.id,
        invoiceNumber: i.number,
        issueDate: i.issueDate,
        invoiceStatus: i.status,
        amount: i.total,
        lines: details.lines(i.id),
        payments: paymentsOf(i.id),
      })),
  };
}
