import { sql } from "drizzle-orm";
import { seedActiveContracts } from "../src/billing/seed-active-contracts.js";
import { rowsOf } from "../src/db/client.js";
import { StaffClient } from "./client.js";
import { waitForJob } from "./money-races.js";
import type { SectionResult, SuiteContext } from "./suite.js";

/**
 * `kill -9` of the API in the middle of a billing run, then a start and the same run again:
 * every period is invoiced exactly once and charged at most once per attempt. (Killing the API
 * during an export belongs with the exports, which are not on main yet.)
 */
export async function crashDuringBilling(ctx: SuiteContext): Promise<SectionResult> {
  const failures: string[] = [];
  const count = ctx.smoke ? 300 : 20_000;
  const [plan] = rowsOf<{ id: number }>(
    await ctx.db.db.execute(
      sql`select current_version_id as id from plans where partner_id = 1 order by id limit 1`,
    ),
  );
  const day = Number(ctx.today.slice(8, 10));
  const { firstContractId, lastContractId } = await seedActiveContracts(ctx.db.db, {
    partnerId: 1,
    planVersionId: plan!.id,
    count,
    activatedOn: ctx.today,
    billingDay: day > 28 ? 1 : day,
  });
  let finance = ctx.staff["finance@demo.kr"]!;
  let started = await finance.post("/api/billing/runs", { date: ctx.today });
  for (let i = 0; (started.status === 409 || started.status === 503) && i < 60; i++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    started = await finance.post("/api/billing/runs", { date: ctx.today });
  }
  if (started.status !== 202)
    throw new Error(`billing run: ${started.status} ${JSON.stringify(started.body)}`);
  const runId = (started.body as { id: number }).id;
  // Kill as soon as the run has invoiced some of them (it commits batch by batch).
  const issued = async () =>
    Number(
      rowsOf<{ n: number }>(
        await ctx.db.db.execute(
          sql`select count(*)::int as n from invoices where contract_id between ${firstContractId} and ${lastContractId}`,
        ),
      )[0]!.n,
    );
  const deadline = Date.now() + 60_000;
  let before = await issued();
  while (Date.now() < deadline && before === 0) {
    await new Promise((r) => setTimeout(r, 5));
    before = await issued();
  }
  await ctx.api.kill9();
  const atKill = await issued();
  await ctx.api.start();
  finance = await StaffClient.signIn(ctx.api.baseUrl, "finance@demo.kr");
  ctx.staff["finance@demo.kr"] = finance;
  const [killedRun] = rowsOf<{ status: string }>(
    await ctx.db.db.execute(sql`select status from job_runs where id = ${runId}`),
  );
  let again = await finance.post("/api/billing/runs", { date: ctx.today });
  for (let i = 0; again.status === 409 && i < 120; i++) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    again = await finance.post("/api/billing/runs", { date: ctx.today });
  }
  if (again.status !== 202) failures.push(`the run after the restart answered ${again.status}`);
  else await waitForJob(finance, (again.body as { id: number }).id);
  const after = await issued();
  const [dupes] = rowsOf<{ invoices: number; charges: number }>(
    await ctx.db.db.execute(sql`
      select
        (select count(*)::int from (select contract_id, period_start, period_kind from invoices
           where contract_id between ${firstContractId} and ${lastContractId} group by 1, 2, 3 having count(*) > 1) d) as invoices,
        (select count(*)::int from (select p.invoice_id, p.attempt from payments p join invoices i on i.id = p.invoice_id
           where i.contract_id between ${firstContractId} and ${lastContractId} group by 1, 2 having count(*) > 1) e) as charges`),
  );
  const [contractsWithout] = rowsOf<{ n: number }>(
    await ctx.db.db.execute(sql`
      select count(*)::int as n from contracts c where c.id between ${firstContractId} and ${lastContractId}
        and not exists (select 1 from invoices i where i.contract_id = c.id)`),
  );
  if (dupes!.invoices > 0) failures.push(`${dupes!.invoices} periods invoiced twice after the crash`);
  if (dupes!.charges > 0) failures.push(`${dupes!.charges} attempts charged twice after the crash`);
  if (contractsWithout!.n > 0) failures.push(`${contractsWithout!.n} contracts left without their invoice`);
  return {
    name: "kill -9 during a billing run",
    report: `${count} contracts due today. The API was killed (SIGKILL) with ${atKill} of them invoiced (first seen ${before}); the killed run's record was left \`${killedRun?.status}\`. After a start and the same run again: ${after} invoiced, **${dupes!.invoices} periods invoiced twice, ${dupes!.charges} attempts charged twice, ${contractsWithout!.n} contracts without their invoice**.`,
    figures: {
      contracts: count,
      atKill,
      after,
      duplicateInvoices: dupes!.invoices,
      duplicateCharges: dupes!.charges,
    },
    failures,
  };
}
