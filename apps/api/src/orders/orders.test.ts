import { renderText } from "@ssp/domain";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countOf, startTestApp, type TestApp } from "../../test/test-app.js";
import { rowsOf } from "../db/client.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ today: "2026-03-10" });
});
afterAll(() => t.close());

let phoneSeq = 1000;
async function applicant(birthDate: string, consent = true, address: Record<string, string> = {}) {
  const manager = await t.login("manager@demo.kr");
  const customer = await manager
    .post("/api/customers")
    .send({
      name: "신청자",
      birthDate,
      phone: `010-7000-${phoneSeq++}`,
      consents: { privacy: true, creditInquiry: consent },
    })
    .expect(201);
  const plans = await manager
    .get("/api/plans")
    .query({ filter: '{"kind":"rental"}', sort: '["id","ASC"]' })
    .expect(200);
  const order = await manager
    .post("/api/orders")
    .send({
      customerId: customer.body.id,
      planId: plans.body[0].id,
      installAddress: "서울특별시 강남구 테헤란로 152",
      billingDay: 5,
      ...address,
    })
    .expect(201);
  return { manager, customer: customer.body, plan: plans.body[0], order: order.body };
}

describe("orders: credit check and review", () => {
  it("approves a good score at once and keeps the check", async () => {
    const { manager, order } = await applicant("1900-01-03");
    expect(order.status).toBe("received");
    const res = await manager.post(`/api/orders/${order.id}/credit-check`).expect(200);
    expect(res.body).toMatchObject({
      status: "credit_approved",
      creditCheck: { score: 900, grade: 1, outcome: "approved" },
    });
    const checks = await manager
      .get("/api/credit-checks")
      .query({ filter: JSON.stringify({ orderId: order.id }) })
      .expect(200);
    expect(checks.body).toHaveLength(1);
    expect(checks.body[0]).toMatchObject({ bureau: "sandbox", score: 900, requestedByName: "이매니저" });
  });

  it("declines a low score", async () => {
    const { manager, order } = await applicant("1900-01-01");
    const res = await manager.post(`/api/orders/${order.id}/credit-check`).expect(200);
    expect(res.body.status).toBe("credit_declined");
    await manager.post(`/api/orders/${order.id}/cancel`).send({ reason: "고객 요청" }).expect(409);
  });

  it("sends a middling score to the review queue, where a manager decides with a reason", async () => {
    const { manager, order } = await applicant("1900-01-02");
    await manager.post(`/api/orders/${order.id}/credit-check`).expect(200);
    const queue = await manager
      .get("/api/credit-checks")
      .query({ filter: '{"pending":true}', range: "[0,99]" })
      .expect(200);
    expect(queue.body.map((c: { orderId: number }) => c.orderId)).toContain(order.id);
    await manager.post(`/api/orders/${order.id}/approve`).send({ reason: "" }).expect(400);
    const approved = await manager
      .post(`/api/orders/${order.id}/approve`)
      .send({ reason: "재직 확인 완료" })
      .expect(200);
    expect(approved.body.status).toBe("credit_approved");
    const after = await manager
      .get("/api/credit-checks")
      .query({ filter: '{"pending":true}', range: "[0,99]" })
      .expect(200);
    expect(after.body.map((c: { orderId: number }) => c.orderId)).not.toContain(order.id);
    const timeline = await manager.get(`/api/orders/${order.id}/timeline`).expect(200);
    expect(timeline.body.map((e: { toStatus: string }) => e.toStatus)).toEqual([
      "received",
      "credit_review",
      "credit_approved",
    ]);
    expect(timeline.body[2].note).toContain("재직 확인 완료");
    // Each note also as key and parameters, so an English viewer reads it in English.
    expect(timeline.body[1].noteText).toMatchObject({ key: "order.credit_checked" });
    expect(renderText(timeline.body[2].noteText, "en")).toBe("Review approved: 재직 확인 완료");
    expect(renderText(timeline.body[2].noteText, "ko")).toBe(timeline.body[2].note);
    // Who moved it, by name, for every role that reads orders (only owners read users).
    expect(timeline.body[2].userName).toBe("이매니저");
  });

  it("requires a credit-inquiry consent (422) and writes nothing without it", async () => {
    const { manager, order } = await applicant("1980-05-05", false);
    const before = await countOf(t.database, "credit_checks");
    const res = await manager.post(`/api/orders/${order.id}/credit-check`).expect(422);
    expect(res.body.code).toBe("consent_required");
    expect(await countOf(t.database, "credit_checks")).toBe(before);
    const shown = await manager.get(`/api/orders/${order.id}`).expect(200);
    expect(shown.body.status).toBe("received");
  });

  it("refuses illegal steps with 409", async () => {
    const { manager, order } = await applicant("1900-01-03");
    await manager.post(`/api/orders/${order.id}/approve`).send({ reason: "건너뛰기" }).expect(409);
    await manager.post(`/api/orders/${order.id}/contract`).expect(409);
    await manager.post(`/api/orders/${order.id}/credit-check`).expect(200);
    await manager.post(`/api/orders/${order.id}/credit-check`).expect(409);
  });

  it("lets cs read orders but not act on them", async () => {
    const { order } = await applicant("1900-01-03");
    const cs = await t.login("cs@demo.kr");
    await cs.get(`/api/orders/${order.id}`).expect(200);
    await cs.post(`/api/orders/${order.id}/credit-check`).expect(403);
    await cs
      .post("/api/orders")
      .send({ customerId: 1, planId: 1, installAddress: "어딘가 주소 12", billingDay: 1 })
      .expect(403);
  });

  it("validates order bodies and writes nothing", async () => {
    const manager = await t.login("manager@demo.kr");
    const before = await countOf(t.database, "orders");
    const res = await manager
      .post("/api/orders")
      .send({ customerId: 0, planId: "x", installAddress: "짧음", billingDay: 31 })
      .expect(400);
    expect(Object.keys(res.body.errors).sort()).toEqual([
      "billingDay",
      "customerId",
      "installAddress",
      "planId",
    ]);
    const unknown = await manager
      .post("/api/orders")
      .send({ customerId: 999999, planId: 999999, installAddress: "서울시 어딘가 1", billingDay: 5 })
      .expect(400);
    expect(Object.keys(unknown.body.errors).sort()).toEqual(["customerId", "planId"]);
    expect(await countOf(t.database, "orders")).toBe(before);
  });
});

describe("contract drafting", () => {
  it("copies the install address's postcode, road address and detail from the order", async () => {
    const parts = {
      installPostcode: "06236",
      installAddress: "서울 강남구 테헤란로 152",
      installAddressDetail: "10층",
    };
    const { manager, order } = await applicant("1900-01-03", true, parts);
    expect(order).toMatchObject(parts);
    await manager.post(`/api/orders/${order.id}/credit-check`).expect(200);
    const drafted = await manager.post(`/api/orders/${order.id}/contract`).expect(201);
    expect(drafted.body).toMatchObject(parts);
    const bad = await manager
      .post("/api/orders")
      .send({
        customerId: order.customerId,
        planId: order.planId,
        billingDay: 5,
        ...parts,
        installPostcode: "6236",
      })
      .expect(400);
    expect(bad.body).toMatchObject({
      code: "validation_failed",
      errors: { installPostcode: expect.any(String) },
    });
  });

  it("freezes the plan's terms and the customer's details; later edits change nothing", async () => {
    const { manager, order, plan, customer } = await applicant("1900-01-03");
    await manager.post(`/api/orders/${order.id}/credit-check`).expect(200);
    const drafted = await manager.post(`/api/orders/${order.id}/contract`).expect(201);
    expect(drafted.body).toMatchObject({
      status: "draft",
      number: expect.stringMatching(/^SSP-2026-\d{6}$/),
      terms: { monthlyFee: plan.monthlyFee, termMonths: plan.termMonths },
      party: { name: "신청자", birthDate: "1900-01-03" },
      billingDay: 5,
    });
    await manager.post(`/api/orders/${order.id}/contract`).expect(409);
    const {
      id: _id,
      version: _v,
      versionId: _vi,
      createdAt: _c,
      updatedAt: _u,
      partnerId: _p,
      ...planBody
    } = plan;
    await manager
      .put(`/api/plans/${plan.id}`)
      .send({ ...planBody, monthlyFee: plan.monthlyFee + 5_000 })
      .expect(200);
    await manager
      .put(`/api/customers/${customer.id}`)
      .send({ name: "개명함", birthDate: "1900-01-03", phone: customer.phone })
      .expect(200);
    const again = await manager.get(`/api/contracts/${drafted.body.id}`).expect(200);
    expect(again.body.terms.monthlyFee).toBe(plan.monthlyFee);
    expect(again.body.party.name).toBe("신청자");
    const orderNow = await manager.get(`/api/orders/${order.id}`).expect(200);
    expect(orderNow.body.contractId).toBe(drafted.body.id);
  });

  it("previews the full schedule from an assumed activation date", async () => {
    const { manager, order, plan } = await applicant("1900-01-03");
    await manager.post(`/api/orders/${order.id}/credit-check`).expect(200);
    const { body: contract } = await manager.post(`/api/orders/${order.id}/contract`).expect(201);
    const res = await manager.get(`/api/contracts/${contract.id}/schedule`).expect(200);
    expect(res.body.preview).toBe(true);
    expect(res.body.activatedOn).toBe("2026-03-10");
    expect(res.body.periods[0]).toMatchObject({
      kind: "stub",
      start: "2026-03-10",
      end: "2026-04-04",
      invoiceId: null,
    });
    expect(res.body.periods.filter((p: { kind: string }) => p.kind === "full")).toHaveLength(plan.termMonths);
    const other = await manager
      .get(`/api/contracts/${contract.id}/schedule`)
      .query({ assumeActivationOn: "2026-04-05" })
      .expect(200);
    expect(other.body.periods[0].kind).toBe("full");
    await manager
      .get(`/api/contracts/${contract.id}/schedule`)
      .query({ assumeActivationOn: "2026-02-30" })
      .expect(400);
  });

  it("cancels the unsigned contract together with its order", async () => {
    const { manager, order } = await applicant("1900-01-03");
    await manager.post(`/api/orders/${order.id}/credit-check`).expect(200);
    const { body: contract } = await manager.post(`/api/orders/${order.id}/contract`).expect(201);
    await manager.post(`/api/orders/${order.id}/cancel`).send({ reason: "고객 변심" }).expect(200);
    const shown = await manager.get(`/api/contracts/${contract.id}`).expect(200);
    expect(shown.body.status).toBe("cancelled");
    await manager.post(`/api/orders/${order.id}/cancel`).send({ reason: "두번" }).expect(409);
  });
});

describe("concurrent state changes", () => {
  const statusEvents = async (orderId: number) =>
    rowsOf<{ to_status: string }>(
      await t.database.db.execute(
        sql`select to_status from order_events where order_id = ${orderId} and kind = 'status' order by id`,
      ),
    ).map((e) => e.to_status);

  it("lets exactly one of two simultaneous cancels through; the other gets 409", async () => {
    const { manager, order } = await applicant("1900-01-03");
    const answers = await Promise.all([
      manager.post(`/api/orders/${order.id}/cancel`).send({ reason: "고객 요청 1" }),
      manager.post(`/api/orders/${order.id}/cancel`).send({ reason: "고객 요청 2" }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(await statusEvents(order.id)).toEqual(["received", "cancelled"]);
  });

  it("lets exactly one of a simultaneous approve and decline decide a review", async () => {
    const { manager, order } = await applicant("1900-01-02");
    await manager.post(`/api/orders/${order.id}/credit-check`).expect(200);
    const [approve, decline] = await Promise.all([
      manager.post(`/api/orders/${order.id}/approve`).send({ reason: "재직 확인" }),
      manager.post(`/api/orders/${order.id}/decline`).send({ reason: "소득 부족" }),
    ]);
    expect([approve!.status, decline!.status].sort()).toEqual([200, 409]);
    const winner = approve!.status === 200 ? "credit_approved" : "credit_declined";
    expect((await manager.get(`/api/orders/${order.id}`)).body.status).toBe(winner);
    expect(await statusEvents(order.id)).toEqual(["received", "credit_review", winner]);
  });

  it("runs one credit check when two are asked for at once", async () => {
    const { manager, order } = await applicant("1900-01-03");
    const answers = await Promise.all([
      manager.post(`/api/orders/${order.id}/credit-check`),
      manager.post(`/api/orders/${order.id}/credit-check`),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const checks = await manager
      .get("/api/credit-checks")
      .query({ filter: JSON.stringify({ orderId: order.id }) })
      .expect(200);
    expect(checks.body).toHaveLength(1);
  });
});

describe("a failing bureau", () => {
  it("answers 502 and leaves the order and the checks untouched", async () => {
    const failing = await startTestApp({
      adapters: {
        creditBureau: {
          name: "down",
          inquire: async () => {
            const { BureauUnavailableError } = await import("../adapters/credit-bureau/credit-bureau.js");
            throw new BureauUnavailableError("Credit bureau answered 503");
          },
        },
      },
    });
    try {
      const manager = await failing.login("manager@demo.kr");
      const customers = await manager.get("/api/customers").query({ sort: '["id","ASC"]' }).expect(200);
      const consenting = customers.body.find(
        (c: { consents: { creditInquiry: string | null } }) => c.consents.creditInquiry,
      );
      const order = await manager
        .post("/api/orders")
        .send({
          customerId: consenting.id,
          planId: 1,
          installAddress: "서울특별시 종로구 종로 1",
          billingDay: 10,
        })
        .expect(201);
      const res = await manager.post(`/api/orders/${order.body.id}/credit-check`).expect(502);
      expect(res.body.code).toBe("bureau_unavailable");
      expect(await countOf(failing.database, "credit_checks")).toBe(0);
      expect((await manager.get(`/api/orders/${order.body.id}`)).body.status).toBe("received");
    } finally {
      await failing.close();
    }
  });
});
