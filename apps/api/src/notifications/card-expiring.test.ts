import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firstPlanVersion } from "../../test/support/plans.js";
import { startTestApp, type TestApp } from "../../test/test-app.js";
import { seedActiveContracts } from "../billing/seed-active-contracts.js";
import { rowsOf } from "../db/client.js";
import { runReminders } from "./reminders-run.js";

// Issue 13 §3: "card expiring (month before)": the reminders job tells the customer in the month
// before their auto-pay card's last valid month, once per card and expiry month.

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ today: "2026-05-01" });
});
afterAll(() => t.close());

const remind = (date: string) =>
  runReminders({ db: t.database.db, date, now: () => t.clock.now(), partnerId: 1 });
const reminded = async () =>
  rowsOf<{ entity_id: number; vars: Record<string, string>; body: string }>(
    await t.database.db.execute(sql`
      select entity_id, vars, body from notifications
      where template = 'card_expiring' and entity = 'contracts' order by id`),
  );
const setExpiry = (contractId: number, expiry: string | null) =>
  t.database.db.execute(
    sql`update payment_methods set card_expiry = ${expiry} where contract_id = ${contractId}`,
  );

describe("card expiring reminder", () => {
  it("reminds in the month before the card's expiry month, once per card and month, only for the card in use", async () => {
    const seeded = await seedActiveContracts(t.database.db, {
      partnerId: 1,
      planVersionId: await firstPlanVersion(t, 1),
      count: 5,
      activatedOn: "2026-01-10",
      billingDay: 10,
    });
    const [june, july, unknown, replaced, terminated] = Array.from(
      { length: 5 },
      (_, i) => seeded.firstContractId + i,
    ) as [number, number, number, number, number];
    await setExpiry(june, "2026-06");
    await setExpiry(july, "2026-07");
    await setExpiry(unknown, null);
    // Its June card was replaced by one valid until 2029: the old card is no longer charged.
    await setExpiry(replaced, "2026-06");
    await t.database.db.execute(
      sql`update payment_methods set status = 'inactive' where contract_id = ${replaced}`,
    );
    await t.database.db.execute(sql`
      insert into payment_methods (partner_id, customer_id, contract_id, gateway, token, display, card_expiry)
      select partner_id, customer_id, id, 'sandbox', 'sbx_new_' || id, '카드 **** 1111', '2029-12'
      from contracts where id = ${replaced}`);
    await setExpiry(terminated, "2026-06");
    await t.database.db.execute(
      sql`update contracts set status = 'terminated', ended_on = '2026-04-30' where id = ${terminated}`,
    );

    expect(await remind("2026-05-01")).toMatchObject({ cardExpiring: 1 });
    const [first] = await reminded();
    expect(first!.entity_id).toBe(june);
    expect(first!.vars).toMatchObject({ display: "카드 **** 4242", expiry: "2026년 6월" });
    expect(first!.body).toContain("카드(카드 **** 4242)가 2026년 6월에 만료됩니다");

    // The same date again, and every other day of May: nothing new.
    expect(await remind("2026-05-01")).toMatchObject({ cardExpiring: 0 });
    expect(await remind("2026-05-02")).toMatchObject({ cardExpiring: 0 });
    expect(await remind("2026-05-31")).toMatchObject({ cardExpiring: 0 });

    // June: the July card's turn; the June card (expiring this month) was already told.
    expect(await remind("2026-06-01")).toMatchObject({ cardExpiring: 1 });
    expect((await reminded()).map((m) => m.entity_id)).toEqual([june, july]);

    // A different card registered for the June contract, also expiring in June: told once too.
    await t.database.db.execute(
      sql`update payment_methods set status = 'inactive' where contract_id = ${june}`,
    );
    await t.database.db.execute(sql`
      insert into payment_methods (partner_id, customer_id, contract_id, gateway, token, display, card_expiry)
      select partner_id, customer_id, id, 'sandbox', 'sbx_other_' || id, '카드 **** 5555', '2026-06'
      from contracts where id = ${june}`);
    expect(await remind("2026-06-02")).toMatchObject({ cardExpiring: 1 });
    expect(await remind("2026-06-03")).toMatchObject({ cardExpiring: 0 });
    const all = await reminded();
    expect(all.map((m) => m.entity_id)).toEqual([june, july, june]);
    expect(all.map((m) => m.entity_id)).not.toContain(unknown);
    expect(all.map((m) => m.entity_id)).not.toContain(replaced);
    expect(all.map((m) => m.entity_id)).not.toContain(terminated);
  });
});
