import type { SchedulePeriod } from "@ssp/domain";
import { eq, sql } from "drizzle-orm";
import type { PaymentGateway } from "../adapters/payments/payment-gateway.js";
import { type Database, type Db, rowsOf } from "../db/client.js";
import { billingRuns } from "../db/schema/index.js";
import { collectPaymentBatch } from "./collect-payments.js";
import { alreadyInvoiced, issueInvoiceBatch } from "./issue-invoices.js";

export interface BillingRunSummary {
  id: number;
  runDate: string;
  dryRun: boolean;
  issued: number;
  charged: number;
  failed: number;
  skipped: number;
  amount: number;
  durationMs: number;
}

/**
 * The billing run for a date (SPEC §3 Billing, §4): issue every invoice due that day and attempt
 * its collection — in the issuing batch's own transaction — then collect any invoice of the date
 * still waiting for its first attempt. It runs as the platform (across partners, or one partner's contracts
 * when a partner starts it), batch by batch, each batch its own transaction, so a crash loses at
 * most a batch in flight and the next run picks up exactly where the database says it stopped.
 */
export async function runBilling(input: {
  db: Db;
  gateway: PaymentGateway;
  date: string;
  now: () => Date;
  trigger: "api" | "cron" | "cli";
  partnerId?: number;
  dryRun?: boolean;
  batchSize?: number;
  /** Concurrent workers within this run (each with its own connection). */
  workers?: number;
}): Promise<BillingRunSummary> {
  const started = Date.now();
  const batchSize = input.batchSize ?? 5_000;
  const dryRun = input.dryRun ?? false;
  const [run] = await input.db
    .insert(billingRuns)
    .values({
      runDate: input.date,
      partnerId: input.partnerId ?? null,
      dryRun,
      trigger: input.trigger,
      startedAt: input.now(),
    })
    .returning();
  const totals = {
    issued: 0,
    skipped: await alreadyInvoiced(input.db, input.date, input.partnerId),
    charged: 0,
    failed: 0,
    amount: 0,
  };

  const workers = Math.max(1, input.workers ?? 1);
  const periods = new Map<string, SchedulePeriod | null>();
  const issueStarted = Date.now();
  const [bounds] = rowsOf<{ lo: number | null; hi: number | null }>(
    await input.db.execute(
      sql`select min(id)::int as lo, max(id)::int as hi from contracts where status in ('active', 'suspended')`,
    ),
  );
  const lo = bounds?.lo ?? 0;
  const hi = bounds?.hi ?? 0;
  const span = Math.ceil((hi - lo + 1) / workers);
  const issue = async (pass: "activations" | "billing_day", afterId: number, uptoId?: number) => {
    for (;;) {
      const batch = await input.db.transaction((tx) =>
        issueInvoiceBatch({
          db: tx,
          date: input.date,
          runId: run!.id,
          partnerId: input.partnerId,
          pass,
          afterId,
          uptoId,
          batchSize,
          dryRun,
          periods,
          collect: dryRun ? undefined : { gateway: input.gateway, now: input.now() },
        }),
      );
      if (batch.lastId === null) return;
      totals.charged += batch.charged;
      totals.failed += batch.failed;
      totals.issued += batch.issued;
      totals.skipped += batch.skipped;
      totals.amount += batch.amount;
      afterId = batch.lastId;
    }
  };
  await issue("activations", 0);
  // Each worker owns a slice of the contract ids; each batch is its own transaction.
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      const uptoId = w === workers - 1 ? hi : lo - 1 + (w + 1) * span;
      await issue("billing_day", lo - 1 + w * span, uptoId);
    }),
  );
  const issueMs = Date.now() - issueStarted;
  if (!dryRun) {
    // Invoices of the date issued without their first attempt (by an older run, say). Claimed
    // with SKIP LOCKED, so the workers take disjoint batches.
    await Promise.all(
      Array.from({ length: workers }, async () => {
        for (;;) {
          const batch = await collectPaymentBatch({
            db: input.db,
            gateway: input.gateway,
            date: input.date,
            partnerId: input.partnerId,
            batchSize,
            now: input.now(),
          });
          if (batch.claimed === 0) break;
          totals.charged += batch.charged;
          totals.failed += batch.failed;
        }
      }),
    );
  }
  const durationMs = Date.now() - started;
  if (process.env.SSP_BILLING_TRACE)
    console.log(`  billing ${input.date}: issuing ${issueMs} ms, collecting ${durationMs - issueMs} ms`);
  await input.db
    .update(billingRuns)
    .set({
      status: "finished",
      ...totals,
      preview: dryRun ? { amount: totals.amount } : null,
      finishedAt: input.now(),
      durationMs,
    })
    .where(eq(billingRuns.id, run!.id));
  return { id: run!.id, runDate: input.date, dryRun, ...totals, durationMs };
}

/**
 * How many workers a run uses: two on PostgreSQL (a batch's own work in the database overlaps
 * the other worker's charging and JSON in Node), one on embedded PGlite (a single connection).
 */
export function billingWorkers(database: Pick<Database, "kind">): number {
  return database.kind === "postgres" ? 2 : 1;
}

/**
 * Only one scheduler instance starts the daily run: a PostgreSQL advisory lock per run date,
 * held by a transaction that stays open for the run. (Embedded PGlite is one process with one
 * connection, so there is nothing to race there.)
 */
export async function withBillingLock<T>(
  database: Database,
  date: string,
  work: () => Promise<T>,
): Promise<T | "locked"> {
  if (database.kind === "pglite") return work();
  return database.db.transaction(async (tx) => {
    const [row] = rowsOf<{ ok: boolean }>(
      await tx.execute(sql`select pg_try_advisory_xact_lock(hashtext(${`job:${date}`})) as ok`),
    );
    if (!row?.ok) return "locked";
    return work();
  });
}
