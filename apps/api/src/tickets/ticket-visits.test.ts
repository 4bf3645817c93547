import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firstPlanVersion } from "../../test/support/plans.js";
import { DOT_PNG } from "../../test/support/signatures.js";
import { countOf, startTestApp, type TestApp } from "../../test/test-app.js";
import { seedActiveContracts } from "../billing/seed-active-contracts.js";
import { rowsOf } from "../db/client.js";

let t: TestApp;
const TODAY = "2026-11-23";
beforeAll(async () => {
  t = await startTestApp({ today: TODAY });
});
afterAll(() => t.close());

async function activeContract(): Promise<{ contractId: number; customerId: number; address: string }> {
  const { firstContractId } = await seedActiveContracts(t.database.db, {
    partnerId: 1,
    planVersionId: await firstPlanVersion(t, 1),
    count: 1,
    activatedOn: "2026-11-20",
    billingDay: 5,
  });
  const [row] = rowsOf<{ customer_id: number; install_address: string }>(
    await t.database.db.execute(
      sql`select customer_id, install_address from contracts where id = ${firstContractId}`,
    ),
  );
  return { contractId: firstContractId, customerId: row!.customer_id, address: row!.install_address };
}

async function openTicket(type: string, contractId: number, customerId: number): Promise<number> {
  const cs = await t.login("cs@demo.kr");
  const res = await cs
    .post("/api/tickets")
    .send({ type, subject: "방문 요청", body: "고객 전화", customerId, contractId })
    .expect(201);
  return res.body.id;
}

const completion = { notes: "작업 완료", partsUsed: [], signature: { kind: "drawn", dataUrl: DOT_PNG } };

describe("visits booked from CS tickets", () => {
  it("relocates: removal and reinstallation visits, then the new address in parts and the partner's fee, and the ticket resolved", async () => {
    const { contractId, customerId, address } = await activeContract();
    const ticketId = await openTicket("relocation", contractId, customerId);
    const manager = await t.login("manager@demo.kr");
    const owner = await t.login("owner@demo.kr");
    await owner
      .put("/api/partners/1")
      .send({ settings: { visits: { relocationFee: 77_000 } } })
      .expect(200);

    const booked = await manager
      .post(`/api/tickets/${ticketId}/relocation`)
      .send({
        removalOn: "2026-11-25",
        reinstallOn: "2026-11-26",
        newPostcode: "03932",
        newAddress: "서울 마포구 월드컵로 10",
        newAddressDetail: "302호",
      })
      .expect(201);
    expect(booked.body.map((v: { kind: string; address: string }) => [v.kind, v.address])).toEqual([
      ["removal", address],
      ["reinstallation", "(03932) 서울 마포구 월드컵로 10, 302호"],
    ]);
    expect(booked.body[1]).toMatchObject({
      newPostcode: "03932",
      newAddress: "서울 마포구 월드컵로 10",
      newAddressDetail: "302호",
    });
    expect(booked.body[0]).toMatchObject({ newPostcode: null, newAddress: null, newAddressDetail: null });
    const stored = rowsOf<{ postcode: string; address: string; address_detail: string }>(
      await t.database.db.execute(
        sql`select postcode, address, address_detail from service_visits where id = ${booked.body[1].id}`,
      ),
    );
    expect(stored).toEqual([
      { postcode: "03932", address: "서울 마포구 월드컵로 10", address_detail: "302호" },
    ]);
    const ticket = await manager.get(`/api/tickets/${ticketId}`).expect(200);
    expect(ticket.body.status).toBe("in_progress");

    const tech = await t.login("tech@demo.kr");
    const techId = rowsOf<{ id: number }>(
      await t.database.db.execute(sql`select id from users where email = 'tech@demo.kr'`),
    )[0]!.id;
    for (const visit of booked.body)
      await manager.post(`/api/service-visits/${visit.id}/assign`).send({ technicianId: techId }).expect(200);
    // The technician's day sends them to the old address for the removal and the new one after.
    const day = await tech.get("/api/technician-day").query({ date: "2026-11-25" }).expect(200);
    const stops = day.body.stops.filter((s: { contractId: number }) => s.contractId === contractId);
    expect(stops.map((s: { date: string; address: string }) => [s.date, s.address])).toEqual([
      ["2026-11-25", address],
      ["2026-11-26", "(03932) 서울 마포구 월드컵로 10, 302호"],
    ]);
    expect(stops[1].mapUrl).toBe(
      `https://map.kakao.com/link/search/${encodeURIComponent("서울 마포구 월드컵로 10")}`,
    );
    const invoicesBefore = await countOf(t.database, "invoices");
    await tech.post(`/api/service-visits/${booked.body[0].id}/complete`).send(completion).expect(200);
    // The removal alone changes neither the address nor the bill.
    expect(await countOf(t.database, "invoices")).toBe(invoicesBefore);
    await tech.post(`/api/service-visits/${booked.body[1].id}/complete`).send(completion).expect(200);
    // Sent again by an offline queue: nothing is invoiced twice.
    await tech.post(`/api/service-visits/${booked.body[1].id}/complete`).send(completion).expect(200);

    const contract = await manager.get(`/api/contracts/${contractId}`).expect(200);
    expect(contract.body).toMatchObject({
      installPostcode: "03932",
      installAddress: "서울 마포구 월드컵로 10",
      installAddressDetail: "302호",
    });
    const audits = rowsOf<{ before: Record<string, unknown>; after: Record<string, unknown> }>(
      await t.database.db.execute(
        sql`select before, after from audit_logs where entity = 'contracts' and entity_id = ${String(contractId)}
            and action = 'relocate'`,
      ),
    );
    expect(audits).toEqual([
      {
        before: { installPostcode: null, installAddress: address, installAddressDetail: null },
        after: {
          installPostcode: "03932",
          installAddress: "서울 마포구 월드컵로 10",
          installAddressDetail: "302호",
          ticketId,
        },
      },
    ]);
    const fees = rowsOf<{ total: number; supply: number; vat: number; status: string; kind: string }>(
      await t.database.db.execute(
        sql`select i.total, i.supply, i.vat, i.status, l.kind from invoices i join invoice_lines l on l.invoice_id = i.id
            where i.contract_id = ${contractId} and i.period_kind = 'relocation'`,
      ),
    );
    expect(fees).toEqual([
      { total: 77_000, supply: 70_000, vat: 7_000, status: "open", kind: "relocation_fee" },
    ]);
    const resolved = await manager.get(`/api/tickets/${ticketId}`).expect(200);
    expect(resolved.body.status).toBe("resolved");
  });

  it("books a repair visit from a repair ticket, next to the plan's regular visit of the same day", async () => {
    const { contractId, customerId } = await activeContract();
    const manager = await t.login("manager@demo.kr");
    await manager.post("/api/service-visits").send({ contractId, scheduledOn: "2026-12-01" }).expect(201);
    const ticketId = await openTicket("repair", contractId, customerId);
    const visit = await manager
      .post(`/api/tickets/${ticketId}/repair-visit`)
      .send({ scheduledOn: "2026-12-01" })
      .expect(201);
    expect(visit.body).toMatchObject({
      kind: "repair",
      ticketId,
      scheduledOn: "2026-12-01",
      status: "scheduled",
    });
  });

  it("refuses bad bookings and changes nothing", async () => {
    const { contractId, customerId } = await activeContract();
    const relocation = await openTicket("relocation", contractId, customerId);
    const repair = await openTicket("repair", contractId, customerId);
    const manager = await t.login("manager@demo.kr");
    const before = await countOf(t.database, "service_visits");
    const backwards = await manager
      .post(`/api/tickets/${relocation}/relocation`)
      .send({ removalOn: "2026-11-26", reinstallOn: "2026-11-25", newAddress: "서울시 중구 세종대로 1" });
    expect([backwards.status, Object.keys(backwards.body.errors ?? {})]).toEqual([400, ["reinstallOn"]]);
    const past = await manager
      .post(`/api/tickets/${relocation}/relocation`)
      .send({ removalOn: "2026-11-01", reinstallOn: "2026-11-25", newAddress: "서울시 중구 세종대로 1" });
    expect(past.status).toBe(400);
    const badPostcode = await manager.post(`/api/tickets/${relocation}/relocation`).send({
      removalOn: "2026-11-25",
      reinstallOn: "2026-11-26",
      newPostcode: "0393",
      newAddress: "서울 마포구 월드컵로 10",
      newAddressDetail: "302호",
    });
    expect([badPostcode.status, Object.keys(badPostcode.body.errors ?? {})]).toEqual([400, ["newPostcode"]]);
    const longDetail = await manager.post(`/api/tickets/${relocation}/relocation`).send({
      removalOn: "2026-11-25",
      reinstallOn: "2026-11-26",
      newAddress: "서울 마포구 월드컵로 10",
      newAddressDetail: "호".repeat(101),
    });
    expect([longDetail.status, Object.keys(longDetail.body.errors ?? {})]).toEqual([
      400,
      ["newAddressDetail"],
    ]);
    const wrongType = await manager
      .post(`/api/tickets/${repair}/relocation`)
      .send({ removalOn: "2026-11-25", reinstallOn: "2026-11-26", newAddress: "서울시 중구 세종대로 1" });
    expect([wrongType.status, wrongType.body.code]).toEqual([422, "wrong_ticket_type"]);
    await manager.post(`/api/tickets/${repair}/repair-visit`).send({ scheduledOn: "tomorrow" }).expect(400);
    const cs = await t.login("cs@demo.kr");
    await cs.post(`/api/tickets/${repair}/repair-visit`).send({ scheduledOn: "2026-11-30" }).expect(403);
    const barun = await t.login("owner@barun.kr");
    await barun.post(`/api/tickets/${repair}/repair-visit`).send({ scheduledOn: "2026-11-30" }).expect(404);
    expect(await countOf(t.database, "service_visits")).toBe(before);
    expect((await manager.get(`/api/tickets/${relocation}`).expect(200)).body.status).toBe("open");
  });
});
