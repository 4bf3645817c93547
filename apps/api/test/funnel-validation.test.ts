import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countOf, startTestApp, type TestApp } from "./test-app.js";

let t: TestApp;
let limited: TestApp;
beforeAll(async () => {
  t = await startTestApp({ funnel: true });
});
afterAll(async () => {
  await t.close();
  await limited?.close();
});

/** Every funnel endpoint not covered beside its use case: 400 with field errors, nothing written. */
describe("funnel endpoints refuse bad input", () => {
  const tables = [
    "orders",
    "order_events",
    "contracts",
    "deliveries",
    "signing_links",
    "notifications",
    "phone_verifications",
    "audit_logs",
  ];
  async function counts() {
    return Promise.all(tables.map((table) => countOf(t.database, table)));
  }

  it.each([
    ["/api/orders/1/cancel", { reason: "" }, ["reason"]],
    ["/api/orders/1/decline", {}, ["reason"]],
    ["/api/orders/1/approve", { reason: 5 }, ["reason"]],
    ["/api/orders/1/allocate-asset", { assetId: -3 }, ["assetId"]],
    [
      "/api/orders/1/schedule-delivery",
      { technicianId: "tech", scheduledOn: "next week" },
      ["scheduledOn", "technicianId"],
    ],
    [
      "/api/orders/1/install",
      { date: "2026-13-01", signature: { kind: "stamp" } },
      ["date", "signature.kind"],
    ],
  ])("POST %s", async (path, body, fields) => {
    const manager = await t.login("manager@demo.kr");
    const before = await counts();
    const res = await manager.post(path).send(body).expect(400);
    expect(res.body.code).toBe("validation_failed");
    expect(Object.keys(res.body.errors).sort()).toEqual(fields);
    expect(await counts()).toEqual(before);
  });

  it.each([
    ["/api/public/verify-phone", { partner: "demo", phone: "12-34" }, ["phone"]],
    ["/api/public/verify-phone/confirm", { partner: "demo", phone: "010-1234-5678", code: "12ab" }, ["code"]],
    [
      "/api/public/apply/demo",
      { name: "" },
      [
        "billingDay",
        "birthDate",
        "consents",
        "email",
        "installAddress",
        "name",
        "phone",
        "planId",
        "termsVersion",
      ],
    ],
  ])("POST %s (public)", async (path, body, fields) => {
    const before = await counts();
    const res = await request(t.app).post(path).send(body).expect(400);
    expect(Object.keys(res.body.errors).sort()).toEqual(fields);
    expect(await counts()).toEqual(before);
  });

  it("answers Kakao endpoints without their parameters with 400", async () => {
    await request(t.app).get("/api/public/auth/kakao/start").expect(400);
    await request(t.app).get("/api/public/auth/kakao/callback").query({ state: "x" }).expect(400);
  });
});

describe("public pages are rate-limited", () => {
  it("answers 429 past the per-address budget", async () => {
    limited = await startTestApp({ publicRateLimit: 20 });
    const app = limited.app;
    // This app allows 20 a minute (a real server 120). Spend the budget on a cheap page.
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await request(app).get("/api/public/partners/demo")).status);
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
    expect(statuses[20]).toBe(429);
    const res = await request(app).get(
      "/api/public/sign/whatever-token-that-is-long-enough-to-look-real-000",
    );
    expect(res.status).toBe(429);
    expect(res.body.code).toBe("rate_limited");
  });
});
