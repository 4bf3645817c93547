import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DOT_PNG } from "../../test/support/signatures.js";
import { countOf, startTestApp, type TestApp } from "../../test/test-app.js";
import { SandboxGateway } from "../adapters/payments/sandbox-gateway.js";
import { runBilling } from "../billing/billing-run.js";
import { seedActiveContracts } from "../billing/seed-active-contracts.js";
import { rowsOf } from "../db/client.js";
import { runDailyJob } from "../jobs/daily-jobs.js";

let t: TestApp;
let first: number;
let last: number;

const gateway = new SandboxGateway();
const runVisits = async (date: string) => {
  const [run] = await runDailyJob(
    { database: t.database, clock: t.clock, adapters: { paymentGateway: gateway } },
    { job: "service-visits", date, trigger: "cli", partnerId: 1 },
  );
  return run!;
};
const visitsOf = async () =>
  rowsOf<{
    id: number;
    contract_id: number;
    due_on: string;
    scheduled_on: string;
    status: string;
    technician_id: number | null;
    missed_on: string | null;
    credit_note_id: number | null;
  }>(
    await t.database.db.execute(sql`
      select id, contract_id, due_on::text, scheduled_on::text, status, technician_id, missed_on::text, credit_note_id
      from service_visits where contract_id between ${first} and ${last} order by contract_id, due_on`),
  );
const userId = async (email: string) =>
  rowsOf<{ id: number }>(await t.database.db.execute(sql`select id from users where email = ${email}`))[0]!
    .id;

beforeAll(async () => {
  t = await startTestApp({ today: "2026-02-27" });
  const manager = await t.login("manager@demo.kr");
  const plan = await manager
    .post("/api/plans")
    .send({
      productId: 1,
      name: "월 1회 방문 정수기",
      kind: "rental",
      monthlyFee: 30_000,
      termMonths: 12,
      mandatoryMonths: 12,
      serviceIntervalMonths: 1,
    })
    .expect(201);
  ({ firstContractId: first, lastContractId: last } = await seedActiveContracts(t.database.db, {
    partnerId: 1,
    planVersionId: plan.body.versionId,
    count: 3,
    activatedOn: "2026-02-01",
    billingDay: 1,
  }));
  // Each contract holds a unit, as installation leaves it.
  await t.database.db.execute(sql`
    with c as (select id, customer_id, row_number() over (order by id) as n from contracts where id between ${first} and ${last}),
         a as (select id, row_number() over (order by id) as n from assets where partner_id = 1 and status = 'in_stock')
    update assets set status = 'installed', contract_id = c.id, customer_id = c.customer_id
    from c join a on a.n = c.n where assets.id = a.id`);
  await t.database.db.execute(sql`
    update contracts set asset_id = assets.id from assets where assets.contract_id = contracts.id
      and contracts.id between ${first} and ${last}`);
  await runBilling({
    database: t.database,
    gateway,
    date: "2026-02-01",
    now: () => t.clock.now(),
    trigger: "cli",
  });
});
afterAll(() => t.close());

describe("the daily service-visit job", () => {
  it("schedules each contract's next visit from its activation, assigns it and reminds the day before; once per date", async () => {
    const reminders = async () =>
      rowsOf<{ n: number }>(
        await t.database.db.execute(
          sql`select count(*)::int as n from notifications where template = 'service_visit_reminder'`,
        ),
      )[0]!.n;
    const run = await runVisits("2026-02-28");
    expect(run.status).toBe("completed");
    expect(run.counts).toMatchObject({ scheduled: 3, assigned: 3, reminded: 3 });
    const visits = await visitsOf();
    const tech = await userId("tech@demo.kr");
    expect(visits.map((v) => [v.due_on, v.status, v.technician_id])).toEqual([
      ["2026-03-01", "assigned", tech],
      ["2026-03-01", "assigned", tech],
      ["2026-03-01", "assigned", tech],
    ]);
    expect(await reminders()).toBe(3);
    const [mail] = rowsOf<{ subject: string; body: string }>(
      await t.database.db.execute(
        sql`select subject, body from notifications where template = 'service_visit_reminder' limit 1`,
      ),
    );
    expect(mail!.subject).toContain("내일 방문 점검 안내 (2026-03-01)");
    expect(mail!.body).toContain("정기사");

    const again = await runDailyJob(
      { database: t.database, clock: t.clock, adapters: { paymentGateway: gateway } },
      { job: "service-visits", date: "2026-02-28", trigger: "cli", partnerId: 1 },
    );
    // The same date again: the run is already recorded; a later date finds nothing new to do.
    expect(again.every((r) => r.status === "completed")).toBe(true);
    const next = await runVisits("2026-03-01");
    expect(next.counts).toMatchObject({ scheduled: 0, assigned: 0, reminded: 0, missed: 0 });
    expect(await visitsOf()).toHaveLength(3);
    expect(await reminders()).toBe(3);
  });
});

describe("service visits over HTTP", () => {
  it("lists a technician's own visits and the day view with addresses and map links", async () => {
    t.clock.set("2026-03-01");
    const tech = await t.login("tech@demo.kr");
    const list = await tech
      .get("/api/service-visits")
      .query({ filter: JSON.stringify({ scheduledOn: "2026-03-01" }) })
      .expect(200);
    expect(list.body.length).toBeGreaterThanOrEqual(3);
    expect(list.body[0]).toMatchObject({ technicianName: "정기사", status: "assigned", missed: false });
    expect(list.body[0].customerName).toMatch(/청구고객/);
    const day = await tech.get("/api/technician-day").query({ date: "2026-03-01" }).expect(200);
    const visitStops = day.body.stops.filter((s: { kind: string }) => s.kind === "visit");
    expect(visitStops.length).toBeGreaterThanOrEqual(3);
    expect(visitStops[0].mapUrl).toMatch(/^https:\/\/map\.kakao\.com\/link\/search\//);
    expect(visitStops[0].customerPhone).toMatch(/^010-/);
    const manager = await t.login("manager@demo.kr");
    const techs = await manager.get("/api/technicians").query({ date: "2026-03-01" }).expect(200);
    const row = techs.body.find((r: { name: string }) => r.name === "정기사");
    expect(row.visits).toBeGreaterThanOrEqual(3);
    expect(row.load).toBe(row.visits + row.deliveries);
    await manager.get("/api/technicians").query({ date: "2026-13-01" }).expect(400);
  });

  it("shows the install address as one line from its parts; the map searches the road address alone", async () => {
    t.clock.set("2026-03-01");
    await t.database.db.execute(sql`
      update contracts set install_postcode = '06236', install_address = '서울 강남구 테헤란로 152',
        install_address_detail = '10층' where id = ${first}`);
    const tech = await t.login("tech@demo.kr");
    const line = "(06236) 서울 강남구 테헤란로 152, 10층";
    const day = await tech.get("/api/technician-day").query({ date: "2026-03-01" }).expect(200);
    const stop = day.body.stops.find((s: { contractId: number }) => s.contractId === first);
    expect(stop).toMatchObject({
      address: line,
      mapUrl: `https://map.kakao.com/link/search/${encodeURIComponent("서울 강남구 테헤란로 152")}`,
    });
    const visits = await tech
      .get("/api/service-visits")
      .query({ filter: JSON.stringify({ scheduledOn: "2026-03-01" }) })
      .expect(200);
    expect(visits.body.find((v: { contractId: number }) => v.contractId === first).address).toBe(line);
  });

  it("assigns only to one of the partner's own technicians", async () => {
    const [visit] = await visitsOf();
    const manager = await t.login("manager@demo.kr");
    const cs = await userId("cs@demo.kr");
    const barunOwner = await userId("owner@barun.kr");
    const audits = await countOf(t.database, "audit_logs");
    for (const technicianId of [cs, barunOwner, 999_999]) {
      const res = await manager.post(`/api/service-visits/${visit!.id}/assign`).send({ technicianId });
      expect([res.status, res.body.code]).toEqual([422, "business_rule"]);
    }
    expect(await countOf(t.database, "audit_logs")).toBe(audits);
    const tech = await t.login("tech@demo.kr");
    await tech
      .post(`/api/service-visits/${visit!.id}/assign`)
      .send({ technicianId: await userId("tech@demo.kr") })
      .expect(403);
    const barun = await t.login("owner@barun.kr");
    await barun.get(`/api/service-visits/${visit!.id}`).expect(404);
    await barun.post(`/api/service-visits/${visit!.id}/cancel`).send({ reason: "침입" }).expect(404);
    const ok = await manager
      .post(`/api/service-visits/${visit!.id}/assign`)
      .send({ technicianId: await userId("tech@demo.kr") })
      .expect(200);
    expect(ok.body.status).toBe("assigned");
  });

  it("completes with notes, parts and the customer's signature; the serial must be the contract's unit", async () => {
    const [visit] = await visitsOf();
    const tech = await t.login("tech@demo.kr");
    const body = {
      notes: "필터 교체, 누수 없음",
      partsUsed: [{ name: "세디먼트 필터", quantity: 1 }],
      signature: { kind: "drawn", dataUrl: DOT_PNG },
    };
    const wrong = await tech
      .post(`/api/service-visits/${visit!.id}/complete`)
      .send({ ...body, serialNumber: "NOPE-1" });
    expect([wrong.status, wrong.body.code]).toEqual([422, "business_rule"]);
    const [asset] = rowsOf<{ serial_number: string }>(
      await t.database.db.execute(
        sql`select serial_number from assets where contract_id = ${visit!.contract_id}`,
      ),
    );
    const done = await tech
      .post(`/api/service-visits/${visit!.id}/complete`)
      .send({ ...body, serialNumber: asset!.serial_number })
      .expect(200);
    expect(done.body).toMatchObject({ status: "completed", signed: true, partsUsed: body.partsUsed });
    expect(done.body.signatureSha256).toMatch(/^[0-9a-f]{64}$/);
    // An offline queue sending it again gets the same visit, not an error nor a second signature.
    const docs = await countOf(t.database, "documents");
    await tech.post(`/api/service-visits/${visit!.id}/complete`).send(body).expect(200);
    expect(await countOf(t.database, "documents")).toBe(docs);
    const manager = await t.login("manager@demo.kr");
    const cancel = await manager
      .post(`/api/service-visits/${visit!.id}/cancel`)
      .send({ reason: "고객 요청" });
    expect([cancel.status, cancel.body.code]).toEqual([409, "illegal_transition"]);
    const bad = await tech
      .post(`/api/service-visits/${visit!.id}/complete`)
      .send({ notes: "", signature: { kind: "x" } });
    expect(bad.status).toBe(400);
  });

  it("reschedules with a reason (keeping the status) and cancels with a reason", async () => {
    const [, second, third] = await visitsOf();
    const manager = await t.login("manager@demo.kr");
    const moved = await manager
      .post(`/api/service-visits/${second!.id}/reschedule`)
      .send({ scheduledOn: "2026-03-03", reason: "고객 부재" })
      .expect(200);
    expect(moved.body).toMatchObject({ scheduledOn: "2026-03-03", dueOn: "2026-03-01", status: "assigned" });
    await manager
      .post(`/api/service-visits/${second!.id}/reschedule`)
      .send({ scheduledOn: "2026-02-01", reason: "과거" })
      .expect(400);
    await manager.post(`/api/service-visits/${third!.id}/cancel`).send({ reason: "" }).expect(400);
    const created = await manager
      .post("/api/service-visits")
      .send({ contractId: third!.contract_id, scheduledOn: "2026-03-10", notes: "수리 방문" })
      .expect(201);
    expect(created.body).toMatchObject({ status: "scheduled", technicianId: null });
    await manager
      .post("/api/service-visits")
      .send({ contractId: third!.contract_id, scheduledOn: "2026-03-10" })
      .expect(409);
    await manager
      .post(`/api/service-visits/${created.body.id}/cancel`)
      .send({ reason: "중복 접수" })
      .expect(200);
  });

  it("flags a visit missed beyond the grace period and credits the customer once, where the partner enables it", async () => {
    const owner = await t.login("owner@demo.kr");
    await owner
      .put("/api/partners/1")
      .send({
        name: "데모렌탈",
        settings: { visits: { graceDays: 3, creditMissed: true, creditAmount: 5_000 } },
      })
      .expect(200);
    const notes = await countOf(t.database, "credit_notes");
    const run = await runVisits("2026-03-05");
    // The first was completed; the second moved to 03-03 is still inside the grace; the third is missed.
    expect(run.counts).toMatchObject({ missed: 1, credited: 1 });
    const visits = await visitsOf();
    const missed = visits.find((v) => v.missed_on !== null)!;
    expect(missed.missed_on).toBe("2026-03-05");
    const [note] = rowsOf<{ amount: number; reason: string; contract_id: number }>(
      await t.database.db.execute(sql`
        select cn.amount, cn.reason, i.contract_id from credit_notes cn join invoices i on i.id = cn.invoice_id
        where cn.id = ${missed.credit_note_id}`),
    );
    expect(note).toMatchObject({ amount: 5_000, contract_id: missed.contract_id });
    expect(note!.reason).toContain("방문 누락");
    expect(await countOf(t.database, "credit_notes")).toBe(notes + 1);
    // The next visits are kept scheduled; nothing is credited twice.
    expect(visits.filter((v) => v.due_on === "2026-04-01")).toHaveLength(3);
    const again = await runVisits("2026-03-06");
    expect(again.counts).toMatchObject({ credited: 0 });
    expect(await countOf(t.database, "credit_notes")).toBe(notes + 1);
    t.clock.set("2026-03-06");
    const manager = await t.login("manager@demo.kr");
    const list = await manager
      .get("/api/service-visits")
      .query({ filter: JSON.stringify({ missed: true }) })
      .expect(200);
    expect(list.body.map((v: { id: number; missed: boolean }) => [v.id, v.missed])).toEqual([
      [missed.id, true],
    ]);
  });

  it("keeps the plan's visits coming when staff book an extra regular visit after the next due date", async () => {
    const manager = await t.login("manager@demo.kr");
    const extra = await manager
      .post("/api/service-visits")
      .send({ contractId: first, kind: "regular", scheduledOn: "2026-05-20", notes: "고객 요청 추가 점검" })
      .expect(201);
    const run = await runVisits("2026-04-02");
    // The next due date is 05-01 for all three; the booked 05-20 visit does not stand in for it.
    expect(run.counts).toMatchObject({ scheduled: 3 });
    const visits = await visitsOf();
    expect(visits.filter((v) => v.due_on === "2026-05-01").map((v) => v.contract_id)).toEqual([
      first,
      first + 1,
      first + 2,
    ]);
    expect(visits.find((v) => v.id === extra.body.id)).toMatchObject({ due_on: "2026-05-20" });
    const again = await runVisits("2026-04-03");
    expect(again.counts).toMatchObject({ scheduled: 0 });
  });
});

describe("follow-up tasks", () => {
  it("a return task is assigned, started and completed; the unit goes returned → refurbishing", async () => {
    const [visit] = await visitsOf();
    const [row] = rowsOf<{ id: number; asset_id: number }>(
      await t.database.db.execute(sql`
        insert into tasks (partner_id, kind, contract_id, asset_id, due_on, note)
        select partner_id, 'asset_return', id, asset_id, '2026-03-06', '만기 — 자산 반납' from contracts where id = ${visit!.contract_id}
        returning id, asset_id`),
    );
    const [other] = rowsOf<{ id: number }>(
      await t.database.db.execute(sql`
        insert into tasks (partner_id, kind, contract_id, due_on, note)
        values (1, 'demand_follow_up', ${visit!.contract_id}, '2026-03-06', '최고 후속') returning id`),
    );
    const manager = await t.login("manager@demo.kr");
    const tech = await t.login("tech@demo.kr");
    await tech.get(`/api/tasks/${row!.id}`).expect(404);
    const cs = await userId("cs@demo.kr");
    const wrong = await manager.post(`/api/tasks/${row!.id}/assign`).send({ assigneeId: cs });
    expect([wrong.status, wrong.body.code]).toEqual([422, "business_rule"]);
    await manager
      .post(`/api/tasks/${row!.id}/assign`)
      .send({ assigneeId: await userId("tech@demo.kr") })
      .expect(200);
    const mine = await tech
      .get("/api/tasks")
      .query({ filter: JSON.stringify({ status: ["open", "in_progress"] }) })
      .expect(200);
    expect(mine.body.map((x: { id: number }) => x.id)).toEqual([row!.id]);
    await tech.get(`/api/tasks/${other!.id}`).expect(404);
    const started = await tech.post(`/api/tasks/${row!.id}/start`).send({}).expect(200);
    expect(started.body.status).toBe("in_progress");
    const day = await tech.get("/api/technician-day").query({ date: "2026-03-06" }).expect(200);
    expect(
      day.body.stops.some((s: { kind: string; id: number }) => s.kind === "return" && s.id === row!.id),
    ).toBe(true);
    const done = await tech.post(`/api/tasks/${row!.id}/complete`).send({ outcome: "회수 완료" }).expect(200);
    expect(done.body).toMatchObject({ status: "done", assetStatus: "refurbishing", outcome: "회수 완료" });
    const events = rowsOf<{ from_status: string; to_status: string }>(
      await t.database.db.execute(
        sql`select from_status, to_status from asset_events where asset_id = ${row!.asset_id} order by id desc limit 2`,
      ),
    );
    expect(events.reverse()).toEqual([
      { from_status: "installed", to_status: "returned" },
      { from_status: "returned", to_status: "refurbishing" },
    ]);
    const twice = await tech.post(`/api/tasks/${row!.id}/complete`).send({});
    expect([twice.status, twice.body.code]).toEqual([409, "illegal_transition"]);
    const finance = await t.login("finance@demo.kr");
    await finance.get(`/api/tasks/${row!.id}`).expect(404);
    await finance.post(`/api/tasks/${other!.id}/cancel`).send({ reason: "납부 확인" }).expect(200);
  });
});
