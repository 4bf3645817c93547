import { arrearsAction, attemptDueOn, type DunningPolicy, text } from "@ssp/domain";
import { and, asc, eq, sql } from "drizzle-orm";
import type { PaymentGateway } from "../adapters/payments/payment-gateway.js";
import { notifyCustomer } from "../contracts/contract-notices.js";
import { moveContract } from "../contracts/contracts.repository.js";
import { type Db, rowsOf } from "../db/client.js";
import { contractDemands, contracts, invoices, payments, tasks } from "../db/schema/index.js";
import type { TemplateName } from "../notifications/templates.js";
import { partnerSettings } from "../partners/partner-settings.js";
import { noteColumns } from "../shared/note-columns.js";
import { attemptKey } from "./charge-request.js";
import { exitQuote, issueExitInvoice } from "./exit-invoice.js";
import { invoiceBalance, reactivateContract, settleInvoice } from "./invoice-ledger.js";
import { activeMethodOf, balanceChargeRequest } from "./invoices.repository.js";
import { retirePaymentMethods } from "./payment-method-retirement.js";

export interface DunningSummary {
  retried: number;
  recovered: number;
  suspended: number;
  demanded: number;
  terminated: number;
  reactivated: number;
}

/**
 * The daily collections job (SPEC §3 Billing) for a date: retry failed collections on their
 * retry days, then walk every contract with unpaid invoices up the arrears ladder — suspension,
 * formal demand (최고) with its deadline, termination for default (exit quote invoiced, asset
 * recovery task opened) — or back down to active once paid. Each contract commits on its own;
 * the customer is told at each step through the outbox.
 */
export async function runDunning(input: {
  db: Db;
  gateway: PaymentGateway;
  date: string;
  now: () => Date;
  partnerId?: number;
  /** The job run this is, named by the audit rows of what it changes. */
  jobRunId?: number;
}): Promise<DunningSummary> {
  const summary: DunningSummary = {
    retried: 0,
    recovered: 0,
    suspended: 0,
    demanded: 0,
    terminated: 0,
    reactivated: 0,
  };
  const partner = input.partnerId ? sql`and c.partner_id = ${input.partnerId}` : sql``;
  const candidates = rowsOf<{ id: number; partner_id: number }>(
    await input.db.execute(sql`
      select distinct c.id, c.partner_id from contracts c join invoices i on i.contract_id = c.id
      where c.status in ('active', 'suspended') and i.status = 'open' and i.due_date <= ${input.date}::date ${partner}
      union
      select c.id, c.partner_id from contracts c where c.status = 'suspended' ${partner}
      order by 1`),
  );
  const policies = new Map<number, DunningPolicy>();
  for (const candidate of candidates) {
    await input.db.transaction(async (tx) => {
      let policy = policies.get(candidate.partner_id);
      if (!policy) {
        policy = (await partnerSettings(tx, candidate.partner_id)).dunning;
        policies.set(candidate.partner_id, policy);
      }
      const ctx = {
        tx,
        actor: null,
        ip: undefined,
        by: { kind: "system" as const, jobRunId: input.jobRunId ?? null },
        clock: { now: input.now, today: () => input.date },
      };
      const [contract] = await tx
        .select()
        .from(contracts)
        .where(eq(contracts.id, candidate.id))
        .for("update");
      if (!contract || !["active", "suspended"].includes(contract.status)) return;
      const open = await tx
        .select()
        .from(invoices)
        .where(and(eq(invoices.contractId, contract.id), eq(invoices.status, "open")))
        .orderBy(asc(invoices.dueDate));

      const dueAttempt = async (invoice: (typeof open)[number]) => {
        const [made] = rowsOf<{ n: number; last: string | null }>(
          await tx.execute(sql`
            select count(*)::int as n, max((attempted_at at time zone 'Asia/Seoul')::date)::text as last
            from payments where invoice_id = ${invoice.id}`),
        );
        return attemptDueOn({
          dueDate: invoice.dueDate,
          today: input.date,
          attemptsMade: made!.n,
          lastAttemptOn: made!.last,
          policy,
        });
      };
      for (const invoice of open.filter((i) => i.periodKind !== "exit")) {
        // Attempt 1 belongs to the billing run (which claims with SKIP LOCKED: don't lock those).
        const due = await dueAttempt(invoice);
        if (due === null || due === 1) continue;
        // Lock the invoice before reading what is owed (a bank transfer or credit note may be
        // landing at the same time), then charge only the remaining balance: a partial transfer
        // or a credit note must never be charged again. Nothing left means settle, not charge.
        const [locked] = await tx.select().from(invoices).where(eq(invoices.id, invoice.id)).for("update");
        if (locked!.status !== "open") continue;
        const attempt = await dueAttempt(locked!);
        if (attempt !== due) continue;
        const { balance } = await invoiceBalance(tx, locked!);
        if (balance <= 0) {
          await settleInvoice(ctx, locked!);
          continue;
        }
        const method = await activeMethodOf(tx, locked!);
        const key = attemptKey(invoice, attempt);
        const result = method
          ? await input.gateway
              .charge(balanceChargeRequest({ invoice, attempt, balance, token: method.token }))
              .catch(() => ({ status: "declined" as const, code: "gateway_error", message: "" }))
          : { status: "declined" as const, code: "no_payment_method", message: "" };
        const inserted = await tx
          .insert(payments)
          .values({
            partnerId: invoice.partnerId,
            invoiceId: invoice.id,
            attempt,
            amount: balance,
            status: result.status === "succeeded" ? "succeeded" : "failed",
            method: method?.gateway ?? "none",
            idempotencyKey: key,
            gatewayRef: result.status === "succeeded" ? result.gatewayRef : null,
            failureCode: result.status === "succeeded" ? null : result.code,
            attemptedAt: input.now(),
          })
          .onConflictDoNothing()
          .returning({ id: payments.id });
        if (inserted.length === 0) continue;
        summary.retried++;
        const payment = { number: invoice.number, amount: balance.toLocaleString("ko-KR") };
        const aboutInvoice = { entity: "invoices", entityId: invoice.id };
        if (result.status === "succeeded") {
          summary.recovered++;
          await notifyCustomer(tx, contract, "payment_succeeded", payment, aboutInvoice);
          await settleInvoice(ctx, locked!);
        } else {
          await notifyCustomer(
            tx,
            contract,
            "payment_failed",
            { ...payment, attempt: String(attempt) },
            aboutInvoice,
          );
        }
      }

      const stillOpen = await tx
        .select({ dueDate: invoices.dueDate, periodKind: invoices.periodKind })
        .from(invoices)
        .where(and(eq(invoices.contractId, contract.id), eq(invoices.status, "open")));
      const [demand] = await tx
        .select()
        .from(contractDemands)
        .where(and(eq(contractDemands.contractId, contract.id), eq(contractDemands.status, "open")));
      const [current] = await tx.select().from(contracts).where(eq(contracts.id, contract.id));
      const action = arrearsAction({
        status: current!.status,
        overdue: stillOpen.filter((i) => i.periodKind !== "exit"),
        demand: demand ? { deadline: demand.deadline } : null,
        today: input.date,
        policy,
      });
      const notify = (template: TemplateName, vars: Record<string, string>) =>
        notifyCustomer(tx, current!, template, vars);
      switch (action.kind) {
        case "suspend":
          await moveContract(ctx, current!, "suspended");
          await notify("contract_suspended", { reason: action.reason });
          summary.suspended++;
          break;
        case "demand":
          await tx.insert(contractDemands).values({
            partnerId: current!.partnerId,
            contractId: current!.id,
            issuedOn: input.date,
            deadline: action.deadline,
          });
          await notify("formal_demand", { deadline: action.deadline, count: String(stillOpen.length) });
          summary.demanded++;
          break;
        case "terminate_for_default": {
          const exit = await exitQuote(tx, current!, input.date);
          await issueExitInvoice(tx, { contract: current!, exit, date: input.date });
          await moveContract(ctx, current!, "terminated", { endedOn: input.date, endReason: action.reason });
          await retirePaymentMethods(tx, current!.id);
          await tx
            .update(contractDemands)
            .set({ status: "closed" })
            .where(eq(contractDemands.id, demand!.id));
          if (current!.assetId) {
            await tx.insert(tasks).values({
              partnerId: current!.partnerId,
              kind: "asset_recovery",
              contractId: current!.id,
              assetId: current!.assetId,
              dueOn: input.date,
              ...noteColumns(text("asset.recovery_after_default", { contract: current!.number })),
            });
          }
          await notify("contract_terminated", {
            reason: action.reason,
            total: exit.quote.total.toLocaleString("ko-KR"),
          });
          summary.terminated++;
          break;
        }
        case "reactivate":
          await reactivateContract(ctx, current!);
          summary.reactivated++;
          break;
        case "none":
          break;
      }
    });
  }
  return summary;
}
