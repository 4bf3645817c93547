import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countOf, startTestApp, TEST_DATABASE_URL, type TestApp } from "../../test/test-app.js";
import { SandboxGateway } from "../adapters/payments/sandbox-gateway.js";
import { rowsOf } from "../db/client.js";
import { runBilling } from "./billing-run.js";
import { seedActiveContracts } from "./seed-active-contracts.js";

const API_DIR = fileURLToPath(new URL("../..", import.meta.url));
const COUNT = 20_000;
let t: TestApp;

beforeAll(async () => {
  if (!TEST_DATABASE_URL) return;
  t = await startTestApp({ today: "2026-11-05" });
  const [plan] = rowsOf<{ id: number }>(
    await t.database.db.execute(
      sql`select current_version_id as id from plans where partner_id = 1 order by id limit 1`,
    ),
  );
  // Two identical cohorts: one billed without interruption, one killed half way and run again.
  await seedActiveContracts(t.database.db, {
    partnerId: 1,
    planVersionId: plan!.id,
    count: COUNT,
    activatedOn: "2026-10-05",
    billingDay: 5,
  });
  await seedActiveContracts(t.database.db, {
    partnerId: 2,
    planVersionId: plan!.id,
    count: COUNT,
    activatedOn: "2026-10-05",
    billingDay: 5,
  });
}, 120_000);
afterAll(async () => {
  await t?.close();
});

function databaseUrlOf(app: TestApp): string {
  const url = new URL(TEST_DATABASE_URL!);
  url.pathname = `/${app.databaseName}`;
  return url.toString();
}

const totals = async (partnerId: number) =>
  rowsOf<{ invoices: number; amount: string; lines: number; payments: number; paid: number; dupes: number }>(
    await t.database.db.execute(sql`select
      count(*)::int as invoices, coalesce(sum(total), 0)::bigint::text as amount,
      (select count(*)::int from invoice_lines where partner_id = ${partnerId}) as lines,
      (select count(*)::int from payments where partner_id = ${partnerId}) as payments,
      count(*) filter (where status = 'paid')::int as paid,
      (select count(*)::int from (select invoice_id from payments where partner_id = ${partnerId} group by invoice_id, attempt having count(*) > 1) d) as dupes
    from invoices where partner_id = ${partnerId}`),
  )[0]!;

describe.runIf(TEST_DATABASE_URL)("a billing run killed half way (PostgreSQL)", () => {
  it("ends, after a re-run, with exactly the totals of an uninterrupted run", async () => {
    await runBilling({
      database: t.database,
      gateway: new SandboxGateway(),
      date: "2026-11-05",
      now: () => t.clock.now(),
      trigger: "cli",
      partnerId: 1,
    });
    const uninterrupted = await totals(1);
    // Activated a month before the run: the run catches up October's first invoice and bills November's.
    expect(uninterrupted.invoices).toBe(2 * COUNT);

    const cli = () => {
      const child = spawn(
        process.execPath,
        ["--import", "tsx", "src/cli.ts", "billing", "--date", "2026-11-05", "--batch-size", "500"],
        {
          cwd: API_DIR,
          env: { ...process.env, DATABASE_URL: databaseUrlOf(t), TZ: "Asia/Seoul" },
          stdio: ["ignore", "ignore", "inherit"],
        },
      );
      const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
      return { child, exited };
    };
    // The CLI bills every partner; partner 1 is already done, so all its work is on partner 2.
    const { child, exited } = cli();
    for (let i = 0; i < 600 && child.exitCode === null; i++) {
      const issued = await countOf(t.database, "invoices where partner_id = 2");
      if (issued >= COUNT / 4) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill("SIGKILL");
    await exited;
    const partial = await totals(2);
    expect(partial.invoices).toBeGreaterThan(0);
    expect(partial.paid).toBeLessThan(2 * COUNT);

    const again = cli();
    expect(await again.exited).toBe(0);
    expect(await totals(2)).toEqual(uninterrupted);
    // The killed run is not left "running": the next run found it dead and marked it failed.
    const runs = rowsOf<{ status: string; error: string | null }>(
      await t.database.db.execute(
        sql`select status, error from job_runs where job = 'billing' and partner_id = 2 order by id`,
      ),
    );
    expect(runs.map((r) => r.status)).toEqual(["failed", "completed"]);
    expect(runs[0]!.error).toMatch(/interrupted/);
  }, 180_000);
});
