import {
  type ComposedInvoice,
  DomainError,
  type EarnedInterest,
  type PeriodsDue,
  type PlanTerms,
  periodInvoice,
  periodsDue,
} from "@ssp/domain";
import type { Db } from "../db/client.js";
import type { JobFailure } from "../jobs/job-runs.js";
import {
  type DueContract,
  type IssuedInvoice,
  insertInvoices,
  moveCursors,
  type NewInvoice,
  pendingInterest,
} from "./invoices.repository.js";

export interface IssueResult {
  /** What was written (a dry run writes nothing). */
  issued: IssuedInvoice[];
  /** Invoices worked out, and their sum: what a dry run previews. */
  composed: number;
  amount: number;
  /** Of those, periods caught up: started before the run's date (a missed run, a late installation). */
  caughtUp: number;
  /** Worked out but already there (another run or the installation issued them first). */
  skipped: number;
  /** Contracts that could not be billed; their cursors stay, so the next run tries again. */
  failures: JobFailure[];
}

/**
 * The issuing step of billing for a batch of due contracts (Kill Bill's shape: a pure function of
 * the contract, what is already invoiced — its cursor — and the target date says what to invoice;
 * this only persists it). For each contract the domain lists every period started by `date` and
 * not yet invoiced and composes its invoice — the first one carrying any late interest waiting
 * for it — issued and due on `date`. A contract the domain refuses (an amount the ledger cannot
 * hold, terms it cannot bill) is reported as that contract's failure and the others go on.
 * Invoices are written as `expectPaid` says they will most likely end, for the collection step
 * to correct.
 */
export async function issueDueInvoices(input: {
  tx: Db;
  due: readonly DueContract[];
  date: string;
  runId: number | null;
  dryRun: boolean;
  /** Periods already worked out in this run, by the inputs that decide them. */
  periods?: PeriodsCache;
  expectPaid: (contract: DueContract, content: ComposedInvoice) => boolean;
  paidAt: Date;
  /** What an invoice that is already there does: skipped (counted), or fails the batch. */
  ifIssued: "skip" | "fail";
}): Promise<IssueResult> {
  const failures: JobFailure[] = [];
  const planned: { contract: DueContract; due: PeriodsDue }[] = [];
  for (const contract of input.due) {
    try {
      planned.push({ contract, due: periodsFor(contract, input.date, input.periods) });
    } catch (error) {
      failures.push(failureOf(contract, error));
    }
  }
  const interest = input.dryRun
    ? new Map()
    : await pendingInterest(
        input.tx,
        planned.filter((p) => p.due.periods.length > 0).map((p) => p.contract.id),
      );

  // A period's content without interest is the same for every contract that has that period
  // (periods are worked out once per kind of contract): composed once, and written as one kind.
  const plain = new Map<PeriodsDue["periods"][number], ComposedInvoice>();
  const contentOf = (period: PeriodsDue["periods"][number], earned: readonly EarnedInterest[]) => {
    if (earned.length > 0) return periodInvoice({ lines: period.lines, interest: earned });
    let content = plain.get(period);
    if (!content) {
      content = periodInvoice({ lines: period.lines });
      plain.set(period, content);
    }
    return content;
  };
  const invoices: NewInvoice[] = [];
  const moves: { partnerId: number; contractId: number; next: string | null }[] = [];
  let amount = 0;
  let caughtUp = 0;
  for (const { contract, due } of planned) {
    try {
      const earned = interest.get(contract.id) ?? [];
      const own = due.periods.map((period, i) => {
        const content = contentOf(period, i === 0 ? earned : []);
        return {
          partnerId: contract.partner_id,
          contractId: contract.id,
          customerId: contract.customer_id,
          periodKind: period.kind,
          periodIndex: period.index,
          periodStart: period.start,
          periodEnd: period.end,
          date: input.date,
          content,
          status: input.expectPaid(contract, content) ? ("paid" as const) : ("open" as const),
          paidAt: input.paidAt,
          billingRunId: input.runId,
          interestChargeIds: i === 0 ? earned.map((e: { chargeId: number }) => e.chargeId) : [],
        };
      });
      invoices.push(...own);
      for (const inv of own) {
        amount += inv.content.total;
        if (inv.periodStart < input.date) caughtUp++;
      }
      moves.push({ partnerId: contract.partner_id, contractId: contract.id, next: due.next });
    } catch (error) {
      failures.push(failureOf(contract, error));
    }
  }
  if (input.dryRun) return { issued: [], composed: invoices.length, amount, caughtUp, skipped: 0, failures };
  const issued = await insertInvoices(input.tx, invoices, { ifIssued: input.ifIssued });
  await moveCursors(input.tx, moves);
  return {
    issued,
    composed: invoices.length,
    amount,
    caughtUp,
    skipped: invoices.length - issued.length,
    failures,
  };
}

/**
 * The contract's due periods; contracts with the same frozen terms, at the same point, are worked
 * out once a run (a million contracts are a few dozen kinds), looked up by their terms and then by
 * the dates that place them.
 */
function periodsFor(contract: DueContract, date: string, cache?: PeriodsCache): PeriodsDue {
  const key = `${contract.activated_on}|${contract.billing_day}|${contract.next_period_on}|${contract.ended_on}`;
  const known = cache?.get(contract.terms)?.get(key);
  if (known) return known;
  const due = periodsDue({
    terms: JSON.parse(contract.terms) as PlanTerms,
    activatedOn: contract.activated_on,
    billingDay: contract.billing_day,
    from: contract.next_period_on,
    through: date,
    endedOn: contract.ended_on,
  });
  if (cache) {
    const ofTerms = cache.get(contract.terms) ?? new Map<string, PeriodsDue>();
    ofTerms.set(key, due);
    cache.set(contract.terms, ofTerms);
  }
  return due;
}

/** A run's worked-out periods: by the contract's frozen terms (JSON text), then by its dates. */
export type PeriodsCache = Map<string, Map<string, PeriodsDue>>;

function failureOf(contract: DueContract, error: unknown): JobFailure {
  if (!(error instanceof DomainError)) throw error;
  return { entity: "contracts", entityId: contract.id, code: error.code, message: error.message };
}
