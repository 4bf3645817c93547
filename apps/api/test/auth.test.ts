import { sql } from "drizzle-orm";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../src/seed/demo-seed.js";
import { startTestApp, type TestApp } from "./test-app.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe("staff authentication", () => {
  it("sets an httpOnly SameSite session cookie and reports identity and permissions", async () => {
    const res = await request(t.app)
      .post("/api/auth/login")
      .send({ email: "Finance@Demo.kr", password: DEMO_PASSWORD })
      .expect(200);
    const cookie = res.headers["set-cookie"]![0]!;
    expect(cookie).toMatch(/^ssp_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(res.body).toMatchObject({ email: "finance@demo.kr", role: "finance", partnerName: "데모렌탈" });
    expect(res.body).not.toHaveProperty("passwordHash");
    const me = await request(t.app).get("/api/auth/me").set("Cookie", cookie.split(";")[0]!).expect(200);
    expect(me.body.permissions.find((p: { resource: string }) => p.resource === "users")).toBeUndefined();
  });

  it("answers a wrong password and an unknown e-mail the same way", async () => {
    const wrong = await request(t.app)
      .post("/api/auth/login")
      .send({ email: "cs@demo.kr", password: "wrong-password" })
      .expect(401);
    const unknown = await request(t.app)
      .post("/api/auth/login")
      .send({ email: "ghost@demo.kr", password: "wrong-password" })
      .expect(401);
    const { requestId: _a, ...wrongReply } = wrong.body;
    const { requestId: _b, ...unknownReply } = unknown.body;
    expect(wrongReply).toEqual(unknownReply);
    expect(wrong.body.code).toBe("invalid_credentials");
  });

  it("rate-limits repeated failed logins with 429", async () => {
    const attempt = () =>
      request(t.app).post("/api/auth/login").send({ email: "tech@demo.kr", password: "guess-guess" });
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push((await attempt()).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses[5]).toBe(429);
    const limited = await request(t.app)
      .post("/api/auth/login")
      .send({ email: "tech@demo.kr", password: DEMO_PASSWORD });
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe("rate_limited");
  });

  it("requires a session for every resource route", async () => {
    for (const path of [
      "/api/customers",
      "/api/products",
      "/api/plans",
      "/api/assets",
      "/api/users",
      "/api/audit-logs",
      "/api/metrics/dashboard",
    ]) {
      const res = await request(t.app).get(path);
      expect(res.status, path).toBe(401);
      expect(res.body.code).toBe("unauthorized");
    }
  });

  it("ends the session on logout", async () => {
    const agent = await t.login("cs@demo.kr");
    await agent.get("/api/customers").expect(200);
    await agent.post("/api/auth/logout").expect(200);
    await agent.get("/api/customers").expect(401);
  });

  it("locks out a deactivated user at once, even with a live session", async () => {
    const cs = await t.login("cs@demo.kr");
    const owner = await t.login("owner@demo.kr");
    const users = await owner.get("/api/users").query({ filter: '{"role":"cs"}' }).expect(200);
    const csUser = users.body[0];
    await owner
      .put(`/api/users/${csUser.id}`)
      .send({ name: csUser.name, role: "cs", active: false })
      .expect(200);
    await cs.get("/api/customers").expect(401);
    await request(t.app)
      .post("/api/auth/login")
      .send({ email: "cs@demo.kr", password: DEMO_PASSWORD })
      .expect(401);
  });

  it("enforces roles on every write", async () => {
    const finance = await t.login("finance@demo.kr");
    await finance
      .post("/api/customers")
      .send({ name: "재무", birthDate: "1990-01-01", phone: "010-1000-2000" })
      .expect(403);
    await finance.post("/api/products").send({ name: "x", model: "x", category: "x" }).expect(403);
    const manager = await t.login("manager@demo.kr");
    await manager.get("/api/users").expect(403);
    await manager.post("/api/partners").send({ name: "x", slug: "x-y", settings: {} }).expect(403);
    const owner = await t.login("owner@demo.kr");
    const created = await owner
      .post("/api/users")
      .send({ email: "new.cs@demo.kr", name: "신상담", role: "cs", password: "long-enough-pass" })
      .expect(201);
    expect(created.body).not.toHaveProperty("passwordHash");
    const dup = await owner
      .post("/api/users")
      .send({ email: "NEW.cs@demo.kr", name: "중복", role: "cs", password: "long-enough-pass" })
      .expect(409);
    expect(dup.body.errors).toHaveProperty("email");
    await owner
      .post("/api/users")
      .send({ email: "op2@demo.kr", name: "x", role: "operator", password: "long-enough-pass" })
      .expect(400);
  });

  it("stores only argon2 hashes and SHA-256 session ids", async () => {
    const rows = await t.database.db.execute(sql`select password_hash from users limit 1`);
    const hash = JSON.stringify(rows);
    expect(hash).toMatch(/\$argon2id\$/);
    const agent = request.agent(t.app);
    const res = await agent
      .post("/api/auth/login")
      .send({ email: "owner@barun.kr", password: DEMO_PASSWORD })
      .expect(200);
    const token = /ssp_session=([^;]+)/.exec(res.headers["set-cookie"]![0]!)![1]!;
    const stored = JSON.stringify(await t.database.db.execute(sql`select id_hash from sessions`));
    expect(stored).not.toContain(token);
  });
});

describe("system endpoints", () => {
  it("reports health with the database reachable and Seoul's date", async () => {
    const res = await request(t.app).get("/api/health").expect(200);
    expect(res.body).toMatchObject({ ok: true, today: "2026-11-23" });
  });

  it("publishes an OpenAPI document generated from the request schemas", async () => {
    const res = await request(t.app).get("/api/openapi.json").expect(200);
    expect(res.body.openapi).toBe("3.1.0");
    const post = res.body.paths["/api/customers"].post;
    const schema = post.requestBody.content["application/json"].schema;
    expect(schema.properties).toHaveProperty("birthDate");
    expect(schema.required).toEqual(expect.arrayContaining(["name", "birthDate", "phone"]));
    expect(res.body.paths).toHaveProperty("/api/assets/{id}/transition");
  });

  it("answers unknown API paths with JSON 404 and exposes Content-Range to CORS", async () => {
    const res = await request(t.app).get("/api/nope").expect(404);
    expect(res.body.code).toBe("not_found");
    const cors = await request(t.app)
      .options("/api/customers")
      .set("Origin", "http://localhost:5173")
      .set("Access-Control-Request-Method", "GET");
    expect(cors.headers["access-control-allow-origin"]).toBe("http://localhost:5173");
    const list = await (await t.login("manager@demo.kr"))
      .get("/api/customers")
      .set("Origin", "http://localhost:5173");
    expect(list.headers["access-control-expose-headers"]).toMatch(/Content-Range/);
  });
});
