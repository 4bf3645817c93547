import { arrearsCleared, invoiceBalanceOf } from "@ssp/domain";
import { and, eq, ne, sql } from "drizzle-orm";
import { notifyCustomer } from "../contracts/contract-notices.js";
import { type ContractRow, moveContract } from "../contracts/contracts.repository.js";
import { type Db, rowsOf } from "../db/client.js";
import { contractDemands, contracts, invoices } from "../db/schema/index.js";
import type { Actor } from "../http/context.js";
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
 * After money arrives (or a credit note), an invoice that owes nothing is paid (or void when it was
 * credited in full without payment). When that clears the contract's arrears (SPEC §3 Billing),
 * the open formal demand (최고) is answered and closed — left open, its passed deadline would
 * terminate the contract at the very next lateness — and a suspended contract is re-activated.
 */
export async function settleInvoice(
  ctx: { tx: Db; actor: Actor | null; ip: string | undefined; clock: { now(): Date; today(): string } },
  invoice: InvoiceRow,
) {
  const { balance, paid } = await invoiceBalance(ctx.tx, invoice);
  if (balance > 0 || invoice.status !== "open") return;
  await ctx.tx
    .update(invoices)
    .set({ status: paid > 0 ? "paid" : "void", paidAt: paid > 0 ? ctx.clock.now() : null })
    .where(eq(invoices.id, invoice.id));
  if (paid > 0) await recordLateInterest(ctx.tx, invoice, ctx.clock.today());
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
