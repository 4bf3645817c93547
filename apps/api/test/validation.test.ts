import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countOf, startTestApp, type TestApp } from "./test-app.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

interface Case {
  name: string;
  login: string;
  method: "post" | "put";
  path: string;
  table: string;
  body: unknown;
  fields: string[];
}

/** Every create and update endpoint, each with a body that breaks several of its rules. */
const CASES: Case[] = [
  {
    name: "create customer",
    login: "manager@demo.kr",
    method: "post",
    path: "/api/customers",
    table: "customers",
    body: { name: "", birthDate: "2026-13-01", phone: "0101", email: "x@", tags: [""] },
    fields: ["birthDate", "email", "name", "phone", "tags.0"],
  },
  {
    name: "update customer",
    login: "manager@demo.kr",
    method: "put",
    path: "/api/customers/1",
    table: "customers",
    body: {
      name: "가".repeat(101),
      birthDate: "1899-12-31",
      phone: "010-1234-5678",
      consents: { privacy: "yes" },
    },
    fields: ["birthDate", "consents.privacy", "name"],
  },
  {
    name: "create product",
    login: "manager@demo.kr",
    method: "post",
    path: "/api/products",
    table: "products",
    body: { name: " ", model: "", category: 3 },
    fields: ["category", "model", "name"],
  },
  {
    name: "update product",
    login: "manager@demo.kr",
    method: "put",
    path: "/api/products/1",
    table: "products",
    body: {},
    fields: ["category", "model", "name"],
  },
  {
    name: "create plan",
    login: "manager@demo.kr",
    method: "post",
    path: "/api/plans",
    table: "plan_versions",
    body: {
      productId: 1,
      name: "잘못된 요금제",
      kind: "lease",
      monthlyFee: 29_900.5,
      termMonths: 0,
      mandatoryMonths: -1,
      removalFee: -5,
    },
    fields: ["kind", "mandatoryMonths", "monthlyFee", "removalFee", "termMonths"],
  },
  {
    name: "update plan (cross-field rules)",
    login: "manager@demo.kr",
    method: "put",
    path: "/api/plans/1",
    table: "plan_versions",
    body: {
      productId: 1,
      name: "규칙 위반",
      kind: "rental",
      monthlyFee: 10_000,
      termMonths: 12,
      mandatoryMonths: 24,
      discountAmount: 20_000,
      discountMonths: 3,
    },
    fields: ["discountAmount", "mandatoryMonths"],
  },
  {
    name: "create asset",
    login: "manager@demo.kr",
    method: "post",
    path: "/api/assets",
    table: "assets",
    body: {
      productId: "1",
      serialNumber: "bad serial!",
      acquiredOn: "yesterday",
      acquisitionCost: -1,
      usefulLifeMonths: 0,
    },
    fields: ["acquiredOn", "acquisitionCost", "productId", "serialNumber", "usefulLifeMonths"],
  },
  {
    name: "update asset",
    login: "manager@demo.kr",
    method: "put",
    path: "/api/assets/1",
    table: "assets",
    body: { productId: 1, serialNumber: "OK-1", acquiredOn: "2026-02-30", acquisitionCost: 1.5 },
    fields: ["acquiredOn", "acquisitionCost"],
  },
  {
    name: "asset transition",
    login: "manager@demo.kr",
    method: "post",
    path: "/api/assets/1/transition",
    table: "asset_events",
    body: { to: "stolen" },
    fields: ["to"],
  },
  {
    name: "create partner",
    login: "operator@ssp.kr",
    method: "post",
    path: "/api/partners",
    table: "partners",
    body: {
      name: "새 파트너",
      slug: "Bad Slug",
      settings: { lateInterest: { enabled: true, annualRatePercent: 12 } },
    },
    fields: ["settings.lateInterest.annualRatePercent", "slug"],
  },
  {
    name: "update partner",
    login: "owner@demo.kr",
    method: "put",
    path: "/api/partners/1",
    table: "partners",
    body: {
      name: "데모렌탈",
      settings: {
        credit: { approveAt: 500, reviewAt: 600 },
        dunning: { retryDays: [1], suspendAfterDays: 30, demandAfterInvoices: 3, demandDeadlineDays: 7 },
      },
    },
    fields: ["settings.credit.reviewAt", "settings.dunning.demandDeadlineDays"],
  },
  {
    name: "create user",
    login: "owner@demo.kr",
    method: "post",
    path: "/api/users",
    table: "users",
    body: { email: "nope", name: "", role: "admin", password: "short" },
    fields: ["email", "name", "password", "role"],
  },
  {
    name: "update user",
    login: "owner@demo.kr",
    method: "put",
    path: "/api/users/3",
    table: "users",
    body: { name: "이매니저", role: "boss", active: "yes", password: "short" },
    fields: ["active", "password", "role"],
  },
  {
    name: "login",
    login: "owner@demo.kr",
    method: "post",
    path: "/api/auth/login",
    table: "sessions",
    body: { email: "not-an-email" },
    fields: ["email", "password"],
  },
];

describe("bad input: 400 with field errors, nothing written", () => {
  it.each(CASES)("$name", async (c) => {
    const agent = await t.login(c.login);
    const rows = await countOf(t.database, c.table);
    const audits = await countOf(t.database, "audit_logs");
    const res = await agent[c.method](c.path).send(c.body as object);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.code).toBe("validation_failed");
    expect(typeof res.body.message).toBe("string");
    expect(Object.keys(res.body.errors).sort()).toEqual(c.fields);
    expect(await countOf(t.database, c.table)).toBe(rows);
    expect(await countOf(t.database, "audit_logs")).toBe(audits);
  });

  it("answers malformed JSON with 400 invalid_json", async () => {
    const agent = await t.login("manager@demo.kr");
    const res = await agent.post("/api/customers").set("content-type", "application/json").send('{"name": ');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("invalid_json");
  });

  it("answers non-numeric and huge ids with 404, not 500", async () => {
    const agent = await t.login("manager@demo.kr");
    for (const id of ["abc", "-1", "99999999999", "1.5"]) {
      const res = await agent.get(`/api/customers/${id}`);
      expect(res.status, id).toBe(404);
    }
  });
});
