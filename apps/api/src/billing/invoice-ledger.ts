import {
  arrearsCleared,
  DomainError,
  type InvoiceStatus,
  invoiceBalanceOf,
  invoiceLifecycle,
  invoiceSettlement,
} from "@ssp/domain";
import { and, eq, ne, sql } from "drizzle-orm";
import type { AuditContext } from "../audit/record-audit.js";
import { notifyCustomer } from "../contracts/contract-notices.js";
import { type ContractRow, moveContract } from "../contracts/contracts.repository.js";
import { type Db, rowsOf } from "../db/client.js";
import { contractDemands, contracts, invoices } from "../db/schema/index.js";
import { recordLateInterest } from "./late-interest-charges.js";

export type InvoiceRow = typeof invoices.$inferSelect;

/** What an invoice still asks for: its total less credit notes and successful payments. */
export async function invoiceBalance(
  tx: Db,
  invoice: InvoiceRow,
): Promise<{ credited: number; paid: number; refunded: number; balance: number }> {
  const [row] = rowsOf<{ credited: number; paid: number; refunded: number }>(
    await tx.execute(sql`select
      coalesce((select sum(amount) from credit_notes where invoice_id = ${invoice.id}), 0)::int as credited,
      coalesce((select sum(amount) from payments where invoice_id = ${invoice.id} and status = 'succeeded'), 0)::int as paid,
      coalesce((select sum(r.amount) from refunds r join payments p on p.id = r.payment_id where p.invoice_id = ${invoice.id} and r.status = 'succeeded'), 0)::int as refunded`),
  );
  const { credited, paid, refunded } = row!;
  return {
    credited,
    paid,
    refunded,
    balance: invoiceBalanceOf({ total: invoice.total, credited, paid, refunded }),
  };
}

/**
 * The one way an issued invoice changes status (the billing run's own just-written rows aside):
 * the domain checks the step, and the row changes only from the status the caller read — a caller
 * that did not lock it and lost a race gets 409 and its transaction rolls back.
 */
export async function moveInvoice(
  tx: Db,
  invoice: Pick<InvoiceRow, "id" | "status">,
  to: InvoiceStatus,
  paidAt: Date | null = null,
): Promise<void> {
  invoiceLifecycle.assertCanTransition(invoice.status as InvoiceStatus, to);
  const [moved] = await tx
    .update(invoices)
    .set({ status: to, paidAt: to === "paid" ? paidAt : to === "void" ? null : undefined })
    .where(and(eq(invoices.id, invoice.id), eq(invoices.status, invoice.status)))
    .returning({ id: invoices.id });
  if (!moved) throw new DomainError("illegal_transition", `The invoice is no longer ${invoice.status}`);
}

/**
 * After money arrives (or a credit note), an invoice is settled by the domain's rule: paid when
 * money covers it, void when it was credited away. When that clears the contract's arrears (SPEC
 * §3 Billing), the open formal demand (최고) is answered and closed — left open, its passed
 * deadline would terminate the contract at the very next lateness — and a suspended contract is
 * re-activated.
 */
export async function settleInvoice(
  ctx: AuditContext & { clock: { now(): Date; today(): string } },
  invoice: InvoiceRow,
) {
  const amounts = await invoiceBalance(ctx.tx, invoice);
  const { settlesTo } = invoiceSettlement({
    status: invoice.status as InvoiceStatus,
    total: invoice.total,
    ...amounts,
  });
  if (settlesTo === null) return;
  await moveInvoice(ctx.tx, invoice, settlesTo, ctx.clock.now());
  if (settlesTo === "paid") await recordLateInterest(ctx.tx, invoice, ctx.clock.today());
  const [contract] = await ctx.tx.select().from(contracts).where(eq(contracts.id, invoice.contractId));
  if (!contract || !["active", "suspended"].includes(contract.status)) return;
  const overdue = await ctx.tx
    .select({ dueDate: invoices.dueDate })
    .from(invoices)
    .where(
      and(eq(invoices.contractId, contract.id), eq(invoices.status, "open"), ne(invoices.periodKind, "exit")),
    );
  if (!arrearsCleared({ overdue, today: ctx.clock.today() })) return;
  await closeOpenDemand(ctx.tx, contract.id);
  if (contract.status === "suspended") await reactivateContract(ctx, contract);
}

type LedgerContext = Parameters<typeof settleInvoice>[0];

async function closeOpenDemand(tx: Db, contractId: number): Promise<void> {
  await tx
    .update(contractDemands)
    .set({ status: "closed" })
    .where(and(eq(contractDemands.contractId, contractId), eq(contractDemands.status, "open")));
}

/** A suspended contract whose arrears are paid runs again: active, demand answered, customer told. */
export async function reactivateContract(ctx: LedgerContext, contract: ContractRow): Promise<void> {
  await moveContract(ctx, contract, "active");
  await closeOpenDemand(ctx.tx, contract.id);
  await notifyCustomer(ctx.tx, contract, "contract_reactivated");
}
