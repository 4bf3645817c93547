import { type ContractStatus, endOfTermOutcome, text } from "@ssp/domain";
import { and, eq, ne, sql } from "drizzle-orm";
import { lockAsset, moveAsset } from "../assets/move-asset.js";
import type { AuditContext } from "../audit/record-audit.js";
import { cursorOf } from "../billing/invoices.repository.js";
import { retirePaymentMethods } from "../billing/payment-method-retirement.js";
import { type Db, rowsOf } from "../db/client.js";
import { contracts, invoices, tasks } from "../db/schema/index.js";
import { noteColumns } from "../shared/note-columns.js";
import { notifyCustomer } from "./contract-notices.js";
import { moveContract } from "./contracts.repository.js";

export interface EndOfTermSummary {
  completed: number;
  transferred: number;
  returnsOpened: number;
  /** Past their end but still owing (or suspended): completed on a later day once paid. */
  waiting: number;
}

/**
 * The daily end-of-term job (SPEC §3 lifecycle, §6) for a date: every active fixed-term contract
 * whose last full period ended before `date` is completed through the contract transition table.
 * With ownership transfer (소유권 이전) the asset becomes the customer's (`transferred`);
 * otherwise it stays installed and a return task is opened, as termination opens a recovery
 * task. Each contract commits on its own and is locked first, so a repeated or concurrent run
 * completes each contract exactly once.
 */
export async function runEndOfTerm(input: {
  db: Db;
  date: string;
  now: () => Date;
  partnerId?: number;
  /** The job run this is, named by the audit rows of what it changes. */
  jobRunId?: number;
}): Promise<EndOfTermSummary> {
  const summary: EndOfTermSummary = { completed: 0, transferred: 0, returnsOpened: 0, waiting: 0 };
  const partner = input.partnerId ? sql`and partner_id = ${input.partnerId}` : sql``;
  // Suspended ones are listed too, only to be counted as waiting.
  const candidates = rowsOf<{ id: number }>(
    await input.db.execute(sql`
      select id from contracts
      where status in ('active', 'suspended') and ends_on < ${input.date}::date ${partner}
      order by id`),
  );
  const ctx = (tx: Db) => ({
    tx,
    actor: null,
    ip: undefined,
    by: { kind: "system" as const, jobRunId: input.jobRunId ?? null },
    clock: { now: input.now },
  });
  for (const candidate of candidates) {
    await input.db.transaction(async (tx) => {
      const [contract] = await tx
        .select()
        .from(contracts)
        .where(eq(contracts.id, candidate.id))
        .for("update");
      if (!contract) return;
      const owing = await tx
        .select({ id: invoices.id })
        .from(invoices)
        .where(
          and(
            eq(invoices.contractId, contract.id),
            eq(invoices.status, "open"),
            ne(invoices.periodKind, "exit"),
          ),
        )
        .limit(1);
      const outcome = endOfTermOutcome({
        status: contract.status as ContractStatus,
        endsOn: contract.endsOn,
        today: input.date,
        ownershipTransfer: contract.terms.ownershipTransfer,
        // A period not yet invoiced (a missed billing run) is owed too: bill it before completing.
        owesInvoices:
          owing.length > 0 ||
          (await cursorOf(tx, { partnerId: contract.partnerId, contractId: contract.id })) !== null,
      });
      if (outcome.kind === "wait") {
        if (outcome.reason === "unpaid" || outcome.reason === "not_active") summary.waiting++;
        return;
      }
      // The contract ends on the last day of its last full period (SPEC §4), not on the run date.
      await moveContract(ctx(tx), contract, "completed", {
        endedOn: contract.endsOn,
        endReason: outcome.asset === "transfer" ? "만기 — 소유권 이전" : "만기 — 반납",
      });
      summary.completed++;
      await retirePaymentMethods(tx, contract.id);
      await notifyCustomer(tx, contract, "contract_completed", {
        endedOn: contract.endsOn!,
        outcome:
          outcome.asset === "transfer"
            ? "렌탈 제품의 소유권이 고객님께 이전되었습니다. 그동안 이용해 주셔서 감사합니다."
            : "렌탈 제품 회수를 위해 담당자가 연락드리겠습니다. 그동안 이용해 주셔서 감사합니다.",
      });
      if (!contract.assetId) return;
      if (outcome.asset === "transfer") {
        await transferAsset(ctx(tx), {
          assetId: contract.assetId,
          contractId: contract.id,
          number: contract.number,
        });
        summary.transferred++;
      } else {
        await tx.insert(tasks).values({
          partnerId: contract.partnerId,
          kind: "asset_return",
          contractId: contract.id,
          assetId: contract.assetId,
          dueOn: input.date,
          ...noteColumns(text("asset.return_at_end_of_term", { contract: contract.number })),
        });
        summary.returnsOpened++;
      }
    });
  }
  return summary;
}

/** Ownership passes to the customer: the asset leaves the fleet, through the asset gate. */
async function transferAsset(
  ctx: AuditContext & { tx: Db; clock: { now(): Date } },
  input: { assetId: number; contractId: number; number: string },
): Promise<void> {
  const asset = await lockAsset(ctx.tx, input.assetId);
  // customerId stays: it records who owns the unit now.
  await moveAsset(ctx, asset!, "transferred", {
    by: "system",
    contractId: input.contractId,
    note: text("asset.ownership_transferred", { contract: input.number }),
    values: { contractId: null },
  });
}
