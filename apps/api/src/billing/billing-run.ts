import { asc } from "drizzle-orm";
import type { PaymentGateway } from "../adapters/payments/payment-gateway.js";
import { type AuditContext, recordAudit } from "../audit/record-audit.js";
import type { Database, Db } from "../db/client.js";
import { partners } from "../db/schema/index.js";
import {
  type JobRunHandle,
  type JobRunRow,
  type JobStart,
  type JobTrigger,
  runJob,
  safeReason,
  startJobRun,
} from "../jobs/job-runs.js";
import { chargeFirstAttempts, collectPaymentBatch } from "./collect-payments.js";
import {
  type DueContract,
  dueContracts,
  dueSpan,
  type IssuedInvoice,
  setInvoiceStatuses,
} from "./invoices.repository.js";
import { issueDueInvoices, type PeriodsCache } from "./issue-invoices.js";

/** What a billing run did, by count and sum (a job run's `counts`). */
export interface BillingCounts {
  /** Contracts with a period due when the run started. */
  due: number;
  issued: number;
  /** Of those issued, periods that started before the run's date (caught up). */
  caughtUp: number;
  /** Worked out but already issued by someone else (an installation, an overlapping run). */
  skipped: number;
  /** Attempt 1 succeeded (or there was nothing to charge). */
  charged: number;
  /** Attempt 1 did not: declined, no auto-pay method, gateway trouble (dunning takes over). */
  failed: number;
  /** Contracts that could not be billed at all (listed as the run's failures, retried next run). */
  contractsFailed: number;
  /** The sum of what was (or, in a dry run, would be) issued. */
  amount: number;
}

const COUNTS = [
  "due",
  "issued",
  "caughtUp",
  "skipped",
  "charged",
  "failed",
  "contractsFailed",
  "amount",
] as const;

const emptyCounts = (): BillingCounts => ({
  due: 0,
  issued: 0,
  caughtUp: 0,
  skipped: 0,
  charged: 0,
  failed: 0,
  contractsFailed: 0,
  amount: 0,
});

export interface BillingOptions {
  gateway: PaymentGateway;
  now: () => Date;
  batchSize?: number;
  /** Concurrent workers within a run (each with its own connection). */
  workers?: number;
}

/**
 * Starts the billing run of one partner for a date (SPEC §3 Billing) as a job run and returns at
 * once (the admin's 202): "locked" with the running run's id when one of the same partner and date
 * is going.
 */
export function startBilling(
  database: Database,
  input: BillingOptions & { partnerId: number; date: string; trigger: JobTrigger; dryRun?: boolean },
): Promise<JobStart> {
  return startJobRun(
    database,
    {
      job: "billing",
      partnerId: input.partnerId,
      date: input.date,
      trigger: input.trigger,
      dryRun: input.dryRun,
    },
    (run) => billPartner(database.db, run, input),
  );
}

export interface BillingRunSummary extends BillingCounts {
  /** The first partner run's id (one run per partner). */
  id: number | null;
  runDate: string;
  dryRun: boolean;
  runs: Pick<JobRunRow, "id" | "partnerId" | "status">[];
  /** Partners whose run for the date was already going elsewhere. */
  locked: number[];
  durationMs: number;
}

/**
 * The billing run for a date, partner by partner (or for one partner), each partner's run its own
 * job run behind its own lock, waited for in turn: what the cron job, the CLI and the tests run.
 */
export async function runBilling(
  input: BillingOptions & {
    database: Database;
    date: string;
    trigger: JobTrigger;
    partnerId?: number;
    dryRun?: boolean;
  },
): Promise<BillingRunSummary> {
  const started = Date.now();
  const ids = input.partnerId ? [input.partnerId] : await partnerIds(input.database.db);
  const summary: BillingRunSummary = {
    ...emptyCounts(),
    id: null,
    runDate: input.date,
    dryRun: input.dryRun ?? false,
    runs: [],
    locked: [],
    durationMs: 0,
  };
  for (const partnerId of ids) {
    const run = await runJob(
      input.database,
      { job: "billing", partnerId, date: input.date, trigger: input.trigger, dryRun: input.dryRun },
      (handle) => billPartner(input.database.db, handle, input),
    );
    if (run === "locked") {
      summary.locked.push(partnerId);
      continue;
    }
    summary.id ??= run.id;
    summary.runs.push({ id: run.id, partnerId: run.partnerId, status: run.status });
    for (const k of COUNTS) summary[k] += run.counts[k] ?? 0;
  }
  summary.durationMs = Date.now() - started;
  return summary;
}

export async function partnerIds(db: Db): Promise<number[]> {
  const rows = await db.select({ id: partners.id }).from(partners).orderBy(asc(partners.id));
  return rows.map((r) => r.id);
}

/**
 * One partner's billing for the run's date: every contract with a period started by then and not
 * yet invoiced, batch by batch in contract order (the workers split the contract ids), each batch
 * its own transaction that issues and makes attempt 1. A crash loses at most the batches in
 * flight, and the next run picks up where the cursors say. A batch that fails as a whole is billed
 * again contract by contract, so one bad contract is recorded as that contract's failure and every
 * other is billed.
 */
async function billPartner(
  db: Db,
  run: JobRunHandle,
  options: BillingOptions,
): Promise<Record<string, number>> {
  const span = await dueSpan(db, { partnerId: run.partnerId!, date: run.date });
  const counts = { ...emptyCounts(), due: span.due };
  await run.progress({ done: 0, total: span.due, counts: { ...counts } });
  const batchSize = options.batchSize ?? 5_000;
  const workers = Math.max(1, options.workers ?? 1);
  const periods: PeriodsCache = new Map();
  let done = 0;
  let reporting = Promise.resolve();
  const report = (n: number) => {
    done += n;
    reporting = reporting.then(() => run.progress({ done, counts: { ...counts } }));
    return reporting;
  };
  const add = (batch: BatchOutcome) => {
    for (const k of ["issued", "caughtUp", "skipped", "charged", "failed", "amount"] as const)
      counts[k] += batch[k];
  };
  const step = { ...options, run, periods, audit: systemAudit(run.id) };
  const width = Math.ceil((span.hi - span.lo + 1) / workers);
  await Promise.all(
    Array.from({ length: span.due === 0 ? 0 : workers }, async (_, w) => {
      let afterId = span.lo - 1 + w * width;
      const uptoId = w === workers - 1 ? span.hi : afterId + width;
      for (;;) {
        let batch: BatchOutcome;
        try {
          batch = await db.transaction((tx) =>
            billBatch(tx, { ...step, afterId, uptoId, limit: batchSize, ifIssued: "fail" }),
          );
        } catch {
          batch = await billOneByOne(db, { ...step, afterId, uptoId, limit: batchSize, ifIssued: "skip" });
        }
        if (batch.lastId === null) return;
        for (const failure of batch.failures) await run.fail(failure);
        counts.contractsFailed += batch.failures.length;
        add(batch);
        afterId = batch.lastId;
        await report(batch.contracts);
      }
    }),
  );
  if (!run.dryRun) {
    const stragglers = await collectStragglers(db, { ...options, partnerId: run.partnerId!, date: run.date });
    counts.charged += stragglers.charged;
    counts.failed += stragglers.failed;
  }
  await report(0);
  return { ...counts };
}

/** A job's audit rows name the system and the run. */
const systemAudit = (jobRunId: number): Omit<AuditContext, "tx"> => ({
  actor: null,
  ip: undefined,
  by: { kind: "system", jobRunId },
});

interface BatchOutcome {
  lastId: number | null;
  contracts: number;
  issued: number;
  caughtUp: number;
  skipped: number;
  charged: number;
  failed: number;
  amount: number;
  failures: Awaited<ReturnType<typeof issueDueInvoices>>["failures"];
}

type BatchInput = BillingOptions & {
  /** The job run (null id: an installation billing its contract at once). */
  run: { id: number | null; partnerId: number | null; date: string; dryRun: boolean };
  /** Who the audit names: the system's job run, or the staff member recording an installation. */
  audit: Omit<AuditContext, "tx">;
  periods: PeriodsCache;
  afterId: number;
  uptoId: number;
  limit: number;
  contractId?: number;
  /**
   * An invoice that is already there: skipped, or the batch fails. The run's batches first write
   * with plain inserts (their cursors are locked, so nothing is there to skip unless a cursor was
   * left behind, and ON CONFLICT's speculative insertion cost ~1.5 µs and a WAL record more per
   * invoice); a batch that fails is billed again contract by contract, skipping what is there.
   */
  ifIssued: "skip" | "fail";
};

/** One batch in the caller's transaction: the issuing step, then the collecting step. */
async function billBatch(tx: Db, input: BatchInput): Promise<BatchOutcome> {
  const { run } = input;
  const due = await dueContracts(tx, {
    partnerId: run.partnerId!,
    date: run.date,
    afterId: input.afterId,
    uptoId: input.uptoId,
    limit: input.limit,
    lock: !run.dryRun,
    contractId: input.contractId,
  });
  const lastId = due.at(-1)?.id ?? null;
  const now = input.now();
  const issue = await issueDueInvoices({
    tx,
    due,
    date: run.date,
    runId: run.id,
    dryRun: run.dryRun,
    periods: input.periods,
    // Written as they will most likely end, paid when there is a method to charge (or nothing
    // to charge): the few that do not end so are set back before commit, so nobody sees them.
    expectPaid: (contract, content) => content.total === 0 || contract.token !== null,
    paidAt: now,
    ifIssued: input.ifIssued,
  });
  const collected = run.dryRun
    ? { charged: 0, failed: 0 }
    : await collectIssued(tx, { gateway: input.gateway, issued: issue.issued, due, at: now });
  if (issue.issued.length > 0) {
    await recordAudit(
      { tx, ...input.audit },
      {
        entity: run.id === null ? "contracts" : "job_runs",
        entityId: run.id ?? input.contractId!,
        action: "invoices_issued",
        partnerId: run.partnerId,
        after: {
          invoices: issue.issued.map((i) => i.id),
          charged: collected.charged,
          failed: collected.failed,
        },
      },
    );
  }
  return {
    lastId,
    contracts: due.length,
    issued: run.dryRun ? issue.composed : issue.issued.length,
    caughtUp: issue.caughtUp,
    skipped: issue.skipped,
    amount: issue.amount,
    failures: issue.failures,
    ...collected,
  };
}

/** A batch that failed as a whole, again one contract per transaction; a contract that fails alone is recorded. */
async function billOneByOne(db: Db, input: BatchInput): Promise<BatchOutcome> {
  const ids = (await dueContracts(db, { ...batchKey(input), lock: false })).map((c) => c.id);
  const outcome: BatchOutcome = {
    lastId: ids.at(-1) ?? null,
    contracts: ids.length,
    issued: 0,
    caughtUp: 0,
    skipped: 0,
    charged: 0,
    failed: 0,
    amount: 0,
    failures: [],
  };
  for (const contractId of ids) {
    try {
      const one = await db.transaction((tx) => billBatch(tx, { ...input, contractId, limit: 1 }));
      for (const k of ["issued", "caughtUp", "skipped", "charged", "failed", "amount"] as const)
        outcome[k] += one[k];
      outcome.failures.push(...one.failures);
    } catch (error) {
      outcome.failures.push({
        entity: "contracts",
        entityId: contractId,
        code: "billing_failed",
        message: safeReason(error),
      });
    }
  }
  return outcome;
}

const batchKey = (input: BatchInput) => ({
  partnerId: input.run.partnerId!,
  date: input.run.date,
  afterId: input.afterId,
  uptoId: input.uptoId,
  limit: input.limit,
});

/**
 * The collecting step: attempt 1 on what the issuing step just wrote (nobody else can see it yet,
 * so it needs no claim), then each invoice set to what really happened.
 */
async function collectIssued(
  tx: Db,
  input: { gateway: PaymentGateway; issued: readonly IssuedInvoice[]; due: readonly DueContract[]; at: Date },
): Promise<{ charged: number; failed: number }> {
  const methodOf = new Map(input.due.map((c) => [c.id, c]));
  const { paid, unpaid } = await chargeFirstAttempts({
    tx,
    gateway: input.gateway,
    now: input.at,
    issuedHere: true,
    invoices: input.issued.map((inv) => {
      const method = methodOf.get(inv.contract_id);
      return {
        id: inv.id,
        partner_id: inv.partner_id,
        contract_id: inv.contract_id,
        period_kind: inv.period_kind,
        period_start: inv.period_start,
        number: inv.number,
        owed: inv.total,
        total: inv.total,
        tax_free: inv.tax_free,
        token: method?.token ?? null,
        gateway: method?.gateway ?? null,
      };
    }),
  });
  const written = new Map(input.issued.map((inv) => [inv.id, inv.status]));
  await setInvoiceStatuses(
    tx,
    [
      ...paid.filter((id) => written.get(id) !== "paid").map((id) => ({ id, status: "paid" as const })),
      ...unpaid.filter((id) => written.get(id) !== "open").map((id) => ({ id, status: "open" as const })),
    ],
    input.at,
  );
  return { charged: paid.length, failed: unpaid.length };
}

/**
 * Bills one contract now, in the caller's transaction: every period started by `date` and not yet
 * invoiced, with attempt 1 on each. An installation calls it so that the customer's first charge
 * comes on installation day (a backdated one also gets the full periods since); the daily run is
 * the safety net.
 */
export async function billContractNow(
  ctx: AuditContext,
  input: BillingOptions & { partnerId: number; contractId: number; date: string },
): Promise<Omit<BatchOutcome, "lastId" | "contracts" | "failures">> {
  const { tx, ...audit } = ctx;
  const outcome = await billBatch(tx, {
    ...input,
    audit,
    run: { id: null, partnerId: input.partnerId, date: input.date, dryRun: false },
    periods: new Map(),
    afterId: 0,
    uptoId: 2_147_483_647,
    limit: 1,
    ifIssued: "skip",
  });
  const [failure] = outcome.failures;
  if (failure) throw new Error(`contract ${failure.entityId} cannot be billed: ${failure.message}`);
  return outcome;
}

/**
 * The safety net after issuing: attempt 1 on open invoices due on the date that never had one
 * (issued by an older version, say). Claimed with SKIP LOCKED, so concurrent runs take disjoint
 * batches.
 */
export async function collectStragglers(
  db: Db,
  input: BillingOptions & { partnerId: number; date: string },
): Promise<{ charged: number; failed: number }> {
  const totals = { charged: 0, failed: 0 };
  for (;;) {
    const batch = await collectPaymentBatch({
      db,
      gateway: input.gateway,
      date: input.date,
      partnerId: input.partnerId,
      batchSize: input.batchSize ?? 5_000,
      now: input.now(),
    });
    if (batch.claimed === 0) return totals;
    totals.charged += batch.charged;
    totals.failed += batch.failed;
  }
}

/**
 * How many workers a run uses: three on PostgreSQL (while one batch's statements run in the
 * database and another's invoices are composed and charged in Node, a third keeps both cores
 * busy: 18.4/18.5 s with two, 17.6/17.1 s with three at 1,000,000 contracts, BENCHMARKS.md
 * session 10), one on embedded PGlite (a single connection).
 */
export function billingWorkers(database: Pick<Database, "kind">): number {
  return database.kind === "postgres" ? 3 : 1;
}
