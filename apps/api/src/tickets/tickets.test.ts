import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firstPlanVersion } from "../../test/support/plans.js";
import { countOf, startTestApp, type TestApp } from "../../test/test-app.js";
import { SandboxGateway } from "../adapters/payments/sandbox-gateway.js";
import { runBilling } from "../billing/billing-run.js";
import { seedActiveContracts } from "../billing/seed-active-contracts.js";
import { rowsOf } from "../db/client.js";

let t: TestApp;
const TODAY = "2026-11-23";
beforeAll(async () => {
  t = await startTestApp({ today: TODAY });
});
afterAll(() => t.close());

/** One active contract of partner 1 (activated a few days ago, first invoice issued and paid). */
async function activeContract(): Promise<{ contractId: number; customerId: number; invoiceId: number }> {
  const planVersionId = await firstPlanVersion(t, 1);
  const { firstContractId } = await seedActiveContracts(t.database.db, {
    partnerId: 1,
    planVersionId,
    count: 1,
    activatedOn: "2026-11-20",
    billingDay: 5,
  });
  await runBilling({
    database: t.database,
    gateway: new SandboxGateway(),
    date: TODAY,
    now: () => t.clock.now(),
    trigger: "cli",
  });
  const [row] = rowsOf<{ customer_id: number; invoice_id: number }>(
    await t.database.db.execute(
      sql`select c.customer_id, (select min(id) from invoices where contract_id = c.id) as invoice_id
          from contracts c where c.id = ${firstContractId}`,
    ),
  );
  return { contractId: firstContractId, customerId: row!.customer_id, invoiceId: row!.invoice_id };
}

async function userId(email: string): Promise<number> {
  const [row] = rowsOf<{ id: number }>(
    await t.database.db.execute(sql`select id from users where email = ${email}`),
  );
  return row!.id;
}

describe("tickets: open, assign, move, comment", () => {
  it("opens a ticket with the SLA of its priority, and walks the allowed steps on the timeline", async () => {
    const cs = await t.login("cs@demo.kr");
    const { contractId, customerId } = await activeContract();
    const created = await cs
      .post("/api/tickets")
      .send({
        type: "repair",
        priority: "urgent",
        subject: "정수기 누수",
        body: "바닥에 물이 샙니다",
        customerId,
        contractId,
      })
      .expect(201);
    expect(created.body).toMatchObject({
      status: "open",
      priority: "urgent",
      source: "staff",
      customerId,
      contractId,
      slaBreached: false,
    });
    expect(created.body.number).toMatch(/^CS-2026-\d{6}$/);
    expect(new Date(created.body.slaDueAt).getTime() - t.clock.now().getTime()).toBe(4 * 3600_000);
    expect(created.body.customerName).toBeTruthy();
    const id = created.body.id;

    const csId = await userId("cs@demo.kr");
    const assigned = await cs.put(`/api/tickets/${id}`).send({ assigneeId: csId }).expect(200);
    expect(assigned.body).toMatchObject({ assigneeId: csId, assigneeName: "박상담", status: "open" });
    // A technician is not someone a ticket is handed to.
    const tech = await cs.put(`/api/tickets/${id}`).send({ assigneeId: await userId("tech@demo.kr") });
    expect([tech.status, tech.body.code]).toEqual([422, "business_rule"]);

    await cs.put(`/api/tickets/${id}`).send({ status: "in_progress" }).expect(200);
    await cs
      .post(`/api/tickets/${id}/comments`)
      .send({ kind: "reply", body: "기사님 방문 예정입니다" })
      .expect(201);
    await cs
      .post(`/api/tickets/${id}/comments`)
      .send({ kind: "note", body: "부품 재고 확인 필요" })
      .expect(201);
    await cs.put(`/api/tickets/${id}`).send({ status: "waiting_customer" }).expect(200);
    await cs.put(`/api/tickets/${id}`).send({ status: "resolved", note: "부품 교체" }).expect(200);
    // Forbidden steps answer 409 and change nothing.
    const audits = await countOf(t.database, "audit_logs");
    const back = await cs.put(`/api/tickets/${id}`).send({ status: "open" });
    expect([back.status, back.body.code]).toEqual([409, "illegal_transition"]);
    expect(await countOf(t.database, "audit_logs")).toBe(audits);
    await cs.put(`/api/tickets/${id}`).send({ status: "closed" }).expect(200);
    for (const status of ["open", "in_progress", "waiting_customer", "resolved"]) {
      expect((await cs.put(`/api/tickets/${id}`).send({ status })).status, status).toBe(409);
    }
    expect((await cs.post(`/api/tickets/${id}/comments`).send({ kind: "note", body: "x" })).status).toBe(409);

    const timeline = await cs.get(`/api/tickets/${id}/timeline`).expect(200);
    expect(
      timeline.body.map((e: { kind: string; toStatus: string | null }) => `${e.kind}:${e.toStatus ?? ""}`),
    ).toEqual([
      "event:open",
      "event:",
      "event:in_progress",
      "reply:",
      "note:",
      "event:waiting_customer",
      "event:resolved",
      "event:closed",
    ]);
    expect(timeline.body[3].author).toMatchObject({ kind: "user", name: "박상담" });
    const actions = rowsOf<{ action: string }>(
      await t.database.db.execute(
        sql`select action from audit_logs where entity = 'tickets' and entity_id = ${String(id)} order by id`,
      ),
    ).map((r) => r.action);
    expect(actions).toEqual([
      "create",
      "assign",
      "status:in_progress",
      "comment:reply",
      "comment:note",
      "status:waiting_customer",
      "status:resolved",
      "status:closed",
    ]);
  });

  it("lists the inbox breached first, with filters", async () => {
    const cs = await t.login("cs@demo.kr");
    const { customerId, contractId } = await activeContract();
    const low = await cs
      .post("/api/tickets")
      .send({ type: "inquiry", priority: "low", subject: "요금 문의", body: "문의", customerId })
      .expect(201);
    const urgent = await cs
      .post("/api/tickets")
      .send({
        type: "repair",
        priority: "urgent",
        subject: "고장",
        body: "작동 안 함",
        customerId,
        contractId,
      })
      .expect(201);
    // Five hours later the urgent ticket has breached its 4-hour SLA.
    t.clock.set(new Date(t.clock.now().getTime() + 5 * 3600_000));
    const inbox = await cs
      .get("/api/tickets")
      .query({ filter: JSON.stringify({ customerId }), range: "[0,49]" })
      .expect(200);
    const ids = inbox.body.map((r: { id: number }) => r.id);
    expect(ids.indexOf(urgent.body.id)).toBeLessThan(ids.indexOf(low.body.id));
    expect(inbox.body.find((r: { id: number }) => r.id === urgent.body.id).slaBreached).toBe(true);
    // The page's names come with its rows, the same as the ticket's own read gives them.
    await cs
      .put(`/api/tickets/${low.body.id}`)
      .send({ assigneeId: await userId("cs@demo.kr") })
      .expect(200);
    const listed = await cs
      .get("/api/tickets")
      .query({ filter: JSON.stringify({ customerId }) })
      .expect(200);
    for (const row of listed.body) {
      const one = await cs.get(`/api/tickets/${row.id}`).expect(200);
      expect([row.customerName, row.assigneeName]).toEqual([one.body.customerName, one.body.assigneeName]);
    }
    expect(listed.body.find((r: { id: number }) => r.id === low.body.id).assigneeName).toBe("박상담");
    expect(listed.body[0].customerName).toBeTruthy();
    const breached = await cs
      .get("/api/tickets")
      .query({ filter: JSON.stringify({ customerId, breached: true }) })
      .expect(200);
    expect(breached.body.map((r: { id: number }) => r.id)).toEqual([urgent.body.id]);
    const inquiries = await cs
      .get("/api/tickets")
      .query({ filter: JSON.stringify({ customerId, type: "inquiry" }) })
      .expect(200);
    expect(inquiries.body.map((r: { id: number }) => r.id)).toEqual([low.body.id]);
    t.clock.set(TODAY);
  });

  it("totals the open inbox from the count the database keeps, exact through every change", async () => {
    const cs = await t.login("cs@demo.kr");
    const { customerId } = await activeContract();
    const inboxTotal = async (filter: object = { open: true }, range = "[0,24]") => {
      const res = await cs
        .get("/api/tickets")
        .query({ filter: JSON.stringify(filter), range })
        .expect(200);
      return Number(res.headers["content-range"]!.split("/")[1]);
    };
    const counted = async (partnerId: number) => {
      const [row] = rowsOf<{ counted: number; kept: number | null }>(
        await t.database.db.execute(sql`
          select (select count(*)::int from tickets where partner_id = ${partnerId}
                    and status not in ('resolved', 'closed')) as counted,
                 (select open from ticket_open_counts where partner_id = ${partnerId}) as kept`),
      );
      return row!;
    };
    const open = (subject: string) =>
      cs.post("/api/tickets").send({ type: "inquiry", subject, body: "문의", customerId }).expect(201);

    const before = (await counted(1)).counted;
    const a = await open("첫 문의");
    await open("둘째 문의");
    expect(await counted(1)).toEqual({ counted: before + 2, kept: before + 2 });
    expect(await inboxTotal()).toBe(before + 2);
    // The page carries the total; a page past the end has no row to carry it, and still tells it.
    expect(await inboxTotal({ open: true }, "[900,924]")).toBe(before + 2);

    // Moves between open states change nothing; resolving takes one away, closing it after no more.
    await cs.put(`/api/tickets/${a.body.id}`).send({ status: "in_progress" }).expect(200);
    await cs
      .put(`/api/tickets/${a.body.id}`)
      .send({ assigneeId: await userId("cs@demo.kr") })
      .expect(200);
    expect(await inboxTotal()).toBe(before + 2);
    await cs.put(`/api/tickets/${a.body.id}`).send({ status: "resolved" }).expect(200);
    await cs.put(`/api/tickets/${a.body.id}`).send({ status: "closed" }).expect(200);
    expect(await counted(1)).toEqual({ counted: before + 1, kept: before + 1 });
    expect(await inboxTotal()).toBe(before + 1);

    // A change rolled back takes its count with it; another partner's tickets are theirs.
    const other = await counted(2);
    await t.database.db
      .transaction(async (tx) => {
        await tx.execute(sql`insert into tickets (partner_id, number, type, subject, body, sla_due_at, customer_id)
          select 1, 'T-ROLLBACK', 'inquiry', 's', 'b', now(), ${customerId}`);
        throw new Error("roll back");
      })
      .catch(() => {});
    await t.database.db.execute(sql`insert into tickets (partner_id, number, type, subject, body, sla_due_at, customer_id)
      select 2, 'T-OTHER', 'inquiry', 's', 'b', now(), (select id from customers where partner_id = 2 limit 1)`);
    expect(await counted(1)).toEqual({ counted: before + 1, kept: before + 1 });
    expect(await counted(2)).toEqual({ counted: other.counted + 1, kept: other.counted + 1 });
    expect(await inboxTotal()).toBe(before + 1);

    // Any other filter is counted as usual.
    expect(await inboxTotal({ open: true, type: "inquiry", customerId })).toBe(1);

    // Only the triggers write it: the app's role may read the count, not change it.
    const write = await t.database.db
      .transaction(async (tx) => {
        await tx.execute(sql`set local role ssp_app`);
        await tx.execute(sql`update ticket_open_counts set open = 0`);
      })
      .then(
        () => "written",
        (e: Error & { cause?: { message?: string } }) => e.cause?.message ?? e.message,
      );
    expect(write).toMatch(/permission denied/);
  });

  it("refuses a cancellation request without a contract, and a contract of another customer", async () => {
    const cs = await t.login("cs@demo.kr");
    const a = await activeContract();
    const b = await activeContract();
    const none = await cs
      .post("/api/tickets")
      .send({ type: "cancellation_request", subject: "해지", body: "해지 원함", customerId: a.customerId });
    expect([none.status, Object.keys(none.body.errors ?? {})]).toEqual([422, ["contractId"]]);
    const other = await cs.post("/api/tickets").send({
      type: "repair",
      subject: "고장",
      body: "작동 안 함",
      customerId: a.customerId,
      contractId: b.contractId,
    });
    expect(other.status).toBe(422);
  });
});

describe("tickets: cancellation request", () => {
  it("shows today's exit quote, and confirming terminates the contract once", async () => {
    const cs = await t.login("cs@demo.kr");
    const manager = await t.login("manager@demo.kr");
    const { contractId, customerId } = await activeContract();
    const ticket = await cs
      .post("/api/tickets")
      .send({
        type: "cancellation_request",
        subject: "해지 요청",
        body: "이사로 해지",
        customerId,
        contractId,
      })
      .expect(201);
    expect(ticket.body.priority).toBe("high");
    const quote = await cs.get(`/api/tickets/${ticket.body.id}/termination-quote`).expect(200);
    const direct = await cs
      .get(`/api/contracts/${contractId}/termination-quote`)
      .query({ date: TODAY })
      .expect(200);
    expect(quote.body).toEqual(direct.body);
    expect(quote.body.total).toBeGreaterThan(0);
    // cs reads; terminating is a contract edit (manager or owner).
    expect((await cs.post(`/api/tickets/${ticket.body.id}/confirm-cancellation`).send({})).status).toBe(403);
    const [first, second] = await Promise.all([
      manager.post(`/api/tickets/${ticket.body.id}/confirm-cancellation`).send({}),
      manager.post(`/api/tickets/${ticket.body.id}/confirm-cancellation`).send({}),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const ok = first.status === 200 ? first : second;
    expect(ok.body.contract.status).toBe("terminated");
    expect(ok.body.ticket.status).toBe("resolved");
    expect(ok.body.quote.total).toBe(quote.body.total);
    const [ledger] = rowsOf<{ exits: number; status: string }>(
      await t.database.db.execute(
        sql`select c.status, (select count(*)::int from invoices where contract_id = c.id and period_kind = 'exit') as exits
            from contracts c where c.id = ${contractId}`,
      ),
    );
    expect(ledger).toEqual({ status: "terminated", exits: 1 });
    // Not a cancellation request: no quote.
    const repair = await cs
      .post("/api/tickets")
      .send({ type: "inquiry", subject: "문의", body: "문의", customerId })
      .expect(201);
    expect((await cs.get(`/api/tickets/${repair.body.id}/termination-quote`)).status).toBe(422);
  });
});

describe("tickets: billing dispute", () => {
  it("links the customer's invoices, and finance credits one through the credit-note code", async () => {
    const cs = await t.login("cs@demo.kr");
    const finance = await t.login("finance@demo.kr");
    const { customerId, contractId, invoiceId } = await activeContract();
    const other = await activeContract();
    const refused = await cs.post("/api/tickets").send({
      type: "billing_dispute",
      subject: "청구 금액 이의",
      body: "이중 청구",
      customerId,
      invoiceIds: [other.invoiceId],
    });
    expect([refused.status, Object.keys(refused.body.errors)]).toEqual([422, ["invoiceIds"]]);
    const ticket = await cs
      .post("/api/tickets")
      .send({
        type: "billing_dispute",
        subject: "청구 금액 이의",
        body: "이중 청구",
        customerId,
        contractId,
        invoiceIds: [invoiceId],
      })
      .expect(201);
    expect(ticket.body.invoiceIds).toEqual([invoiceId]);
    // cs cannot issue money back.
    expect(
      (
        await cs
          .post(`/api/tickets/${ticket.body.id}/credit-note`)
          .send({ invoiceId, amount: 1000, reason: "감액" })
      ).status,
    ).toBe(403);
    const unlinked = await finance
      .post(`/api/tickets/${ticket.body.id}/credit-note`)
      .send({ invoiceId: other.invoiceId, amount: 1000, reason: "감액" });
    expect([unlinked.status, unlinked.body.code]).toEqual([422, "invoice_not_linked"]);
    const note = await finance
      .post(`/api/tickets/${ticket.body.id}/credit-note`)
      .send({ invoiceId, amount: 1000, reason: "감액" })
      .expect(201);
    expect(note.body).toMatchObject({ invoiceId, amount: 1000 });
    const [credited] = rowsOf<{ total: number }>(
      await t.database.db.execute(
        sql`select coalesce(sum(amount), 0)::int as total from credit_notes where invoice_id = ${invoiceId}`,
      ),
    );
    expect(credited!.total).toBe(1000);
    const timeline = await finance.get(`/api/tickets/${ticket.body.id}/timeline`).expect(200);
    expect(timeline.body.at(-1).body).toContain("1,000원");
  });
});

describe("tickets: the assignment picker", () => {
  it("names the partner's active staff who can take a ticket (no technicians)", async () => {
    const cs = await t.login("cs@demo.kr");
    const res = await cs.get("/api/tickets/assignees").expect(200);
    const names = res.body.map((u: { name: string }) => u.name);
    expect(names).toEqual(expect.arrayContaining(["박상담", "이매니저", "김대표", "최재무"]));
    expect(res.body.map((u: { role: string }) => u.role)).not.toContain("technician");
    expect((await (await t.login("tech@demo.kr")).get("/api/tickets/assignees")).status).toBe(403);
  });
});
