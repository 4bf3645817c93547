import { randomBytes } from "node:crypto";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowCounts } from "./support/row-counts.js";
import { startTestApp, type TestApp } from "./test-app.js";

let t: TestApp;
let routes: { method: "get" | "post" | "put" | "delete"; path: string }[];
beforeAll(async () => {
  t = await startTestApp({ funnel: true });
  const doc = (await request(t.app).get("/api/openapi.json").expect(200)).body as {
    paths: Record<string, Record<string, unknown>>;
  };
  routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => ({ method: method as "get" | "post" | "put" | "delete", path })),
  );
});
afterAll(() => t.close());

/** A route's path with its parameters filled in (`value` for each, or a plausible one). */
/** A route's path with its parameters filled in: `value` for every one, or a plausible value each. */
function fill(path: string, value?: string): string {
  const plausible: Record<string, () => string> = {
    slug: () => "demo",
    token: () => randomBytes(32).toString("base64url"),
    file: () => "billing-register.csv",
  };
  return path.replace(/\{(\w+)\}/g, (_, name: string) => value ?? plausible[name]?.() ?? "1");
}

const NUL_BODY = {
  name: "ab\u0000cd",
  reason: "ab\u0000cd",
  email: "a\u0000@demo.kr",
  phone: "010-1234-5678\u0000",
  birthDate: "1990-01-01",
  settings: { kakao: { enabled: true, restApiKey: "k\u0000" } },
};

/**
 * Issue 14 finding 3: each of these answered 500 on some routes, and each 500 printed the failing
 * query's parameters. They are refused before any route runs, so every route is tried, as
 * staff with the widest rights and without a session.
 */
describe("hostile input on every route: a clear 4xx, nothing written, nothing personal logged", () => {
  it("refuses a NUL character in any body or query string with 400 invalid_text", async () => {
    const owner = await t.login("owner@demo.kr");
    const before = await rowCounts(t.database);
    let tried = 0;
    for (const { method, path } of routes) {
      const url = `/api${fill(path).replace(/^\/api/, "")}`;
      const res =
        method === "get"
          ? await owner.get(url).query({ q: "ab\u0000cd" })
          : await owner[method](url).send(NUL_BODY);
      expect([res.status, res.body.code], `${method} ${path}`).toEqual([400, "invalid_text"]);
      tried++;
    }
    expect(tried).toBeGreaterThan(60);
    expect(await rowCounts(t.database)).toEqual(before);
  });

  it("refuses an unpaired surrogate like a NUL", async () => {
    const manager = await t.login("manager@demo.kr");
    const res = await manager
      .post("/api/customers")
      .set("content-type", "application/json")
      .send('{"name":"\\ud800홍길동","birthDate":"1990-01-01","phone":"010-1234-5678"}');
    expect([res.status, res.body.code]).toEqual([400, "invalid_text"]);
  });

  it("refuses a NUL in the public application and in a login", async () => {
    const apply = await request(t.app)
      .post("/api/public/apply/demo")
      .send({ name: "ab\u0000cd", phone: "010-1234-5678" });
    expect([apply.status, apply.body.code]).toEqual([400, "invalid_text"]);
    const login = await request(t.app)
      .post("/api/auth/login")
      .send({ email: "owner@demo.kr\u0000", password: "x" });
    expect([login.status, login.body.code]).toEqual([400, "invalid_text"]);
  });

  it("answers a malformed percent-encoding in any path parameter with 400 malformed_url", async () => {
    const owner = await t.login("owner@demo.kr");
    let tried = 0;
    for (const { method, path } of routes.filter((r) => r.path.includes("{"))) {
      const url = fill(path, "%E0%A4%A");
      const res = await owner[method](url);
      expect([res.status, res.body.code], `${method} ${path}`).toEqual([400, "malformed_url"]);
      tried++;
    }
    expect(tried).toBeGreaterThan(40);
    const anonymous = await request(t.app).get("/api/customers/%E0%A4%A");
    expect([anonymous.status, anonymous.body.code]).toEqual([400, "malformed_url"]);
  });

  it("answers a compressed body (gzip, br, deflate) with 415 on every route that takes one", async () => {
    const owner = await t.login("owner@demo.kr");
    const before = await rowCounts(t.database);
    let tried = 0;
    for (const { method, path } of routes.filter((r) => r.method !== "get")) {
      for (const encoding of ["gzip", "br", "deflate"]) {
        const res = await owner[method](fill(path))
          .set("Content-Encoding", encoding)
          .set("content-type", "application/json")
          .send('{"name":"plain, not compressed"}');
        expect([res.status, res.body.code], `${encoding} ${method} ${path}`).toEqual([
          415,
          "unsupported_encoding",
        ]);
        tried++;
      }
    }
    expect(tried).toBeGreaterThan(100);
    expect(await rowCounts(t.database)).toEqual(before);
  });

  it("answers dates outside 1900–2099 with 400 validation_failed", async () => {
    const finance = await t.login("finance@demo.kr");
    const owner = await t.login("owner@demo.kr");
    const before = await rowCounts(t.database);
    const schedule = await owner.get("/api/contracts/1/schedule").query({ assumeActivationOn: "9999-12-31" });
    expect([schedule.status, schedule.body.code]).toEqual([400, "validation_failed"]);
    expect(schedule.body.errors).toHaveProperty("assumeActivationOn");
    const quote = await owner.get("/api/contracts/1/termination-quote").query({ date: "0001-01-01" });
    expect(quote.status).toBe(400);
    const run = await finance.post("/api/billing/runs").send({ date: "9999-12-31" });
    expect([run.status, run.body.code]).toEqual([400, "validation_failed"]);
    const customer = await owner
      .post("/api/customers")
      .send({ name: "범위 밖", birthDate: "2100-01-01", phone: "010-5555-0101" });
    expect(customer.status).toBe(400);
    expect(await rowCounts(t.database)).toEqual(before);
  });

  it("put the request id in every error reply and on every log line, and logged no 500", () => {
    const requestLines = t.logs.filter((l) => l.msg === "request");
    expect(requestLines.length).toBeGreaterThan(300);
    for (const line of requestLines) expect(line.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(t.logs.filter((l) => l.level === "error")).toEqual([]);
    expect(requestLines.filter((l) => Number(l.status) >= 500)).toEqual([]);
  });
});
