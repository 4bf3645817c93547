import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CreditBureau, CreditInquiry } from "../src/adapters/credit-bureau/credit-bureau.js";
import { startTestApp, type TestApp } from "./test-app.js";

let t: TestApp;
/**
 * A bureau whose call fails inside PostgreSQL with the applicant's personal data as the query's
 * parameters, the way issue 14 saw 55 dumps of names, birth dates, phones and e-mails: the
 * error's message carries them (drizzle appends "params: …"), and so do its fields.
 */
const failingBureau: CreditBureau = {
  name: "failing",
  async inquire(inquiry: CreditInquiry) {
    await t.database.db.execute(
      sql`select ${inquiry.name}::regclass, ${inquiry.birthDate}::text, ${inquiry.phone}::text, ${"hong.gildong@example.kr"}::text`,
    );
    throw new Error("unreachable");
  },
};

beforeAll(async () => {
  t = await startTestApp({ adapters: { creditBureau: failingBureau } });
});
afterAll(() => t.close());

describe("logs: structured, with the request id, and never personal data", () => {
  it("logs a server fault with its request id and route, and none of the data that caused it", async () => {
    const manager = await t.login("manager@demo.kr");
    const customer = await manager
      .post("/api/customers")
      .send({
        name: "홍길동",
        birthDate: "1987-06-05",
        phone: "010-2345-6789",
        email: "hong.gildong@example.kr",
        address: "서울특별시 종로구 세종대로 175",
        consents: { privacy: true, creditInquiry: true },
      })
      .expect(201);
    const plans = await manager.get("/api/plans").expect(200);
    const order = await manager
      .post("/api/orders")
      .send({
        customerId: customer.body.id,
        planId: plans.body[0].id,
        installAddress: "서울특별시 종로구 세종대로 175",
        billingDay: 5,
      })
      .expect(201);

    const res = await manager.post(`/api/orders/${order.body.id}/credit-check`);
    expect(res.status).toBe(500);
    expect(res.body.code).toBe("internal_error");
    expect(res.body.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers["x-request-id"]).toBe(res.body.requestId);

    const lines = t.logs.filter((l) => l.requestId === res.body.requestId);
    const fault = lines.find((l) => l.level === "error");
    expect(fault).toMatchObject({ route: "/api/orders/:id/credit-check", code: "internal_error" });
    // drizzle's error, caused by PostgreSQL's: the code and routine are kept, the values are not.
    expect(fault!.err).toMatchObject({ type: "DrizzleQueryError", cause: { code: "42P01" } });
    expect(lines.find((l) => l.msg === "request")).toMatchObject({ status: 500, method: "POST" });

    const everything = t.logs.map((l) => JSON.stringify(l)).join("\n");
    for (const personal of [
      "홍길동",
      "1987-06-05",
      "010-2345-6789",
      "01023456789",
      "hong.gildong@example.kr",
      "세종대로",
    ]) {
      expect(everything).not.toContain(personal);
    }
  });

  it("writes one JSON line per request with the route pattern, never the path or its query", async () => {
    const cs = await t.login("cs@demo.kr");
    const res = await cs.get("/api/customers").query({ filter: JSON.stringify({ q: "010-9876-5432" }) });
    expect(res.status).toBe(200);
    const line = t.logs.find((l) => l.requestId === res.headers["x-request-id"] && l.msg === "request");
    expect(line).toMatchObject({ route: "/api/customers", method: "GET", status: 200 });
    expect(typeof line!.ms).toBe("number");
    expect(JSON.stringify(t.logs)).not.toContain("9876");
  });

  it("keeps a request id a proxy sent, and refuses to echo one that is not an id", async () => {
    const kept = await t
      .login("cs@demo.kr")
      .then((a) => a.get("/api/customers").set("X-Request-Id", "lb-12345678"));
    expect(kept.headers["x-request-id"]).toBe("lb-12345678");
    const forged = await t
      .login("cs@demo.kr")
      .then((a) => a.get("/api/customers").set("X-Request-Id", "010-2345-6789 <script>"));
    expect(forged.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });
});
