import { addDays, format, parseISO } from "date-fns";
import { sql } from "drizzle-orm";
import { seedActiveContracts } from "../src/billing/seed-active-contracts.js";
import { rowsOf } from "../src/db/client.js";
import type { StaffClient } from "./client.js";
import { mdTable, type SectionResult, type SuiteContext } from "./suite.js";

/** Waits for a job run (202 from POST /api/billing/runs) to finish; returns its final state. */
export async function waitForJob(client: StaffClient, id: number, timeoutMs = 300_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await client.get(`/api/jobs/${id}`);
    const body = res.body as { status?: string };
    if (res.status === 200 && body.status && body.status !== "running") return body;
    if (Date.now() > deadline) throw new Error(`job ${id} still running`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function activeContracts(ctx: SuiteContext, input: { count: number; paymentMethod: boolean }) {
  const [plan] = rowsOf<{ id: number }>(
    await ctx.db.db.execute(
      sql`select current_version_id as id from plans where partner_id = 1 order by id limit 1`,
    ),
  );
  const activatedOn = format(addDays(parseISO(ctx.today), -3), "yyyy-MM-dd");
  const { firstContractId, lastContractId } = await seedActiveContracts(ctx.db.db, {
    partnerId: 1,
    planVersionId: plan!.id,
    count: input.count,
    activatedOn,
    billingDay: Number(ctx.today.slice(8, 10)) > 28 ? 1 : Number(ctx.today.slice(8, 10)),
    paymentMethod: input.paymentMethod,
  });
  return Array.from({ length: lastContractId - firstContractId + 1 }, (_, i) => firstContractId + i);
}

async function bill(ctx: SuiteContext): Promise<void> {
  const finance = ctx.staff["finance@demo.kr"]!;
  for (;;) {
    const run = await finance.post("/api/billing/runs", { date: ctx.today });
    if (run.status === 202) {
      await waitForJob(finance, (run.body as { id: number }).id);
      return;
    }
    if (run.status !== 409) throw new Error(`billing run: ${run.status} ${JSON.stringify(run.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function ledger(ctx: SuiteContext, contractId: number) {
  const [row] = rowsOf<{ status: string; exits: number; refunds: number }>(
    await ctx.db.db.execute(sql`
      select c.status,
        (select count(*)::int from invoices where contract_id = c.id and period_kind = 'exit') as exits,
        (select count(*)::int from refunds r join payments p on p.id = r.payment_id join invoices i on i.id = p.invoice_id
           where i.contract_id = c.id) as refunds
      from contracts c where c.id = ${contractId}`),
  );
  return row!;
}

interface Tally {
  race: string;
  rounds: number;
  oneWinner: number;
  statuses: Map<string, number>;
  inconsistent: number;
}

/**
 * The money races of issue 10, driven over HTTP by two staff members at the same moment:
 * cancel ∥ terminate and terminate ∥ terminate on one active contract (one winner, the other
 * 409, one exit invoice at most, never both a refund and a penalty), credit note ∥ collect and
 * credit note ∥ credit note on one open invoice (never more credited than owed), and a billing
 * run ∥ itself (one run per partner and date, each period invoiced once).
 */
export async function moneyRaces(ctx: SuiteContext): Promise<SectionResult> {
  const rounds = ctx.smoke ? 2 : 10;
  const owner = ctx.staff["owner@demo.kr"]!;
  const manager = ctx.staff["manager@demo.kr"]!;
  const finance = ctx.staff["finance@demo.kr"]!;
  const failures: string[] = [];
  const tallies: Tally[] = [];
  const tally = (race: string): Tally => {
    const t = { race, rounds: 0, oneWinner: 0, statuses: new Map<string, number>(), inconsistent: 0 };
    tallies.push(t);
    return t;
  };
  const note = (t: Tally, statuses: number[]) => {
    t.rounds++;
    const key = statuses.sort().join("+");
    t.statuses.set(key, (t.statuses.get(key) ?? 0) + 1);
    if (statuses.some((s) => s >= 500)) failures.push(`${t.race}: ${key}`);
  };

  const ending = await activeContracts(ctx, { count: rounds * 2, paymentMethod: true });
  await bill(ctx);
  const cancelTerminate = tally("cancel ∥ terminate");
  for (const id of ending.slice(0, rounds)) {
    const [a, b] = await Promise.all([
      manager.post(`/api/contracts/${id}/cancel`, { date: ctx.today, reason: "단순 변심" }),
      owner.post(`/api/contracts/${id}/terminate`, { date: ctx.today, reason: "해지 요청" }),
    ]);
    note(cancelTerminate, [a.status, b.status]);
    const l = await ledger(ctx, id);
    const ok =
      [a.status, b.status].sort().join() === "200,409" && !(l.exits > 0 && l.refunds > 0) && l.exits <= 1;
    if (ok) cancelTerminate.oneWinner++;
    else {
      cancelTerminate.inconsistent++;
      failures.push(`cancel ∥ terminate on contract ${id}: ${a.status}/${b.status}, ${JSON.stringify(l)}`);
    }
  }
  const terminateTwice = tally("terminate ∥ terminate");
  for (const id of ending.slice(rounds)) {
    const [a, b] = await Promise.all([
      owner.post(`/api/contracts/${id}/terminate`, { date: ctx.today, reason: "해지 요청" }),
      manager.post(`/api/contracts/${id}/terminate`, { date: ctx.today, reason: "해지 요청" }),
    ]);
    note(terminateTwice, [a.status, b.status]);
    const l = await ledger(ctx, id);
    if ([a.status, b.status].sort().join() === "200,409" && l.exits === 1) terminateTwice.oneWinner++;
    else {
      terminateTwice.inconsistent++;
      failures.push(
        `terminate ∥ terminate on contract ${id}: ${a.status}/${b.status}, ${l.exits} exit invoices`,
      );
    }
  }

  // Open invoices: contracts without auto-pay, billed today.
  const unpaid = await activeContracts(ctx, { count: rounds * 2, paymentMethod: false });
  await bill(ctx);
  const invoices = rowsOf<{ id: number; total: number }>(
    await ctx.db.db.execute(
      sql`select id, total from invoices where contract_id between ${unpaid[0]!} and ${unpaid.at(-1)!} and status = 'open' order by id`,
    ),
  );
  const credited = async (invoiceId: number) =>
    Number(
      rowsOf<{ n: number }>(
        await ctx.db.db.execute(
          sql`select coalesce(sum(amount), 0)::int as n from credit_notes where invoice_id = ${invoiceId}`,
        ),
      )[0]?.n ?? 0,
    );
  const creditCollect = tally("credit note ∥ collect");
  const creditTwice = tally("credit note ∥ credit note");
  for (const [i, invoice] of invoices.entries()) {
    const t = i % 2 === 0 ? creditCollect : creditTwice;
    const [a, b] = await Promise.all([
      finance.post(`/api/invoices/${invoice.id}/credit-note`, { amount: invoice.total, reason: "경합 점검" }),
      t === creditCollect
        ? owner.post(`/api/invoices/${invoice.id}/collect`)
        : owner.post(`/api/invoices/${invoice.id}/credit-note`, {
            amount: invoice.total,
            reason: "경합 점검",
          }),
    ]);
    note(t, [a.status, b.status]);
    const sum = await credited(invoice.id);
    if (sum <= invoice.total) t.oneWinner++;
    else {
      t.inconsistent++;
      failures.push(`${t.race} on invoice ${invoice.id}: credited ${sum} of ${invoice.total}`);
    }
  }

  const runTwice = tally("billing run ∥ billing run");
  await activeContracts(ctx, { count: 20, paymentMethod: true });
  for (let r = 0; r < Math.max(1, rounds / 2); r++) {
    const [a, b] = await Promise.all([
      finance.post("/api/billing/runs", { date: ctx.today }),
      owner.post("/api/billing/runs", { date: ctx.today }),
    ]);
    note(runTwice, [a.status, b.status]);
    for (const res of [a, b])
      if (res.status === 202) await waitForJob(finance, (res.body as { id: number }).id);
  }
  const [dupes] = rowsOf<{ n: number }>(
    await ctx.db.db.execute(
      sql`select count(*)::int as n from (select contract_id, period_start from invoices where period_kind <> 'exit'
          group by 1, 2 having count(*) > 1) d`,
    ),
  );
  runTwice.oneWinner = dupes!.n === 0 ? runTwice.rounds : 0;
  if (dupes!.n > 0) failures.push(`${dupes!.n} periods invoiced twice`);

  return {
    name: "Money races (issue 10), over HTTP",
    report: [
      "Two staff members at the same moment on the same contract or invoice. `consistent` counts rounds whose ledger is one request's alone.",
      "",
      mdTable(
        ["race", "rounds", "consistent", "statuses (sorted pairs × rounds)"],
        tallies.map((t) => [
          t.race,
          t.rounds,
          t.oneWinner,
          [...t.statuses.entries()].map(([k, n]) => `${k} ×${n}`).join(", "),
        ]),
      ),
      "",
      `Periods invoiced twice across the whole database: ${dupes!.n}.`,
    ].join("\n"),
    figures: Object.fromEntries(tallies.map((t) => [t.race, `${t.oneWinner}/${t.rounds}`])),
    failures,
  };
}
