import { sql } from "drizzle-orm";
import request from "supertest";
import type TestAgent from "supertest/lib/agent.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { totpCode } from "../src/auth/two-factor.js";
import { rowsOf } from "../src/db/client.js";
import { DEMO_PASSWORD } from "../src/seed/demo-seed.js";
import { startTestApp, TEST_SECRET_BOX, type TestApp } from "./test-app.js";

let t: TestApp;
let strict: TestApp;
beforeAll(async () => {
  t = await startTestApp({ loginsPerAddress: 30 });
  strict = await startTestApp({ twoFactorRoles: ["operator", "owner", "finance"] });
});
afterAll(async () => {
  await t.close();
  await strict.close();
});

async function userId(app: TestApp, email: string): Promise<number> {
  const [row] = rowsOf<{ id: number }>(
    await app.database.db.execute(sql`select id from users where email = ${email}`),
  );
  return row!.id;
}

/** Issue 14 finding 4. */
describe("login protection: spraying, weak passwords, stale sessions", () => {
  it("answers 429 to one address spraying a few guesses over many accounts", async () => {
    const statuses: number[] = [];
    for (let account = 0; account < 12; account++) {
      for (let guess = 0; guess < 3; guess++) {
        const res = await request(t.app)
          .post("/api/auth/login")
          .set("X-Forwarded-For", "203.0.113.7")
          .send({ email: `staff${account}@demo.kr`, password: `guess-${guess}-spring` });
        statuses.push(res.status);
      }
    }
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(30).every((s) => s === 429)).toBe(true);
    // Even the right password waits out the window from that address; other addresses do not.
    const blocked = await request(t.app)
      .post("/api/auth/login")
      .set("X-Forwarded-For", "203.0.113.7")
      .send({ email: "cs@demo.kr", password: DEMO_PASSWORD });
    expect([blocked.status, blocked.body.code]).toEqual([429, "rate_limited"]);
    await request(t.app)
      .post("/api/auth/login")
      .set("X-Forwarded-For", "198.51.100.2")
      .send({ email: "cs@demo.kr", password: DEMO_PASSWORD })
      .expect(200);
  });

  it("refuses weak and common passwords when an account is created or its password set", async () => {
    const owner = await t.login("owner@demo.kr");
    for (const password of ["aaaaaaaaaa", "          ", "password123", "qwertyuiop"]) {
      const res = await owner
        .post("/api/users")
        .send({ email: "weak@demo.kr", name: "약한", role: "cs", password });
      expect([res.status, Object.keys(res.body.errors ?? {})], JSON.stringify(password)).toEqual([
        400,
        ["password"],
      ]);
    }
    const cs = await userId(t, "cs@demo.kr");
    const res = await owner
      .put(`/api/users/${cs}`)
      .send({ name: "최상담", role: "cs", active: true, password: "1q2w3e4r5t" });
    expect(res.status).toBe(400);
    const self = await (await t.login("cs@demo.kr"))
      .post("/api/auth/password")
      .send({ currentPassword: DEMO_PASSWORD, newPassword: "aaaaaaaaaa" });
    expect([self.status, Object.keys(self.body.errors)]).toEqual([400, ["newPassword"]]);
  });

  it("ends a user's other sessions when they change their password, and all when the owner sets one", async () => {
    const here = await t.login("manager@demo.kr");
    const elsewhere = await t.login("manager@demo.kr");
    await here
      .post("/api/auth/password")
      .send({ currentPassword: DEMO_PASSWORD, newPassword: "Quiet-Harbor-Lamp-42" })
      .expect(200);
    await here.get("/api/customers").expect(200);
    await elsewhere.get("/api/customers").expect(401);

    const owner = await t.login("owner@demo.kr");
    await owner
      .put(`/api/users/${await userId(t, "manager@demo.kr")}`)
      .send({ name: "이매니저", role: "manager", active: true, password: DEMO_PASSWORD })
      .expect(200);
    await here.get("/api/customers").expect(401);
    await t.login("manager@demo.kr");
  });

  it("refuses a wrong current password for a change", async () => {
    const cs = await t.login("cs@demo.kr");
    const res = await cs
      .post("/api/auth/password")
      .send({ currentPassword: "not-my-password", newPassword: "Quiet-Harbor-Lamp-42" });
    expect([res.status, res.body.code]).toEqual([401, "invalid_credentials"]);
  });
});

/** Signs in with a password; returns the agent and what the API said. */
async function passwordStep(
  app: TestApp,
  email: string,
): Promise<{ agent: TestAgent; body: Record<string, unknown> }> {
  const agent = request.agent(app.app);
  const res = await agent.post("/api/auth/login").send({ email, password: DEMO_PASSWORD }).expect(200);
  return { agent, body: res.body };
}

async function enrol(app: TestApp, email: string): Promise<{ agent: TestAgent; secret: string }> {
  const { agent, body } = await passwordStep(app, email);
  expect(body).toEqual({ twoFactor: "enroll" });
  const setup = await agent.post("/api/auth/totp/setup").expect(200);
  await agent
    .post("/api/auth/totp/enable")
    .send({ code: totpCode(setup.body.secret, app.clock.now()) })
    .expect(200);
  return { agent, secret: setup.body.secret };
}

function later(app: TestApp, seconds: number): void {
  app.clock.set(new Date(app.clock.now().getTime() + seconds * 1000));
}

describe("TOTP second factor: required for operator, owner and finance, optional for others", () => {
  it("makes finance enrol at first sign-in; nothing opens before the code", async () => {
    const { agent, body } = await passwordStep(strict, "finance@demo.kr");
    expect(body).toEqual({ twoFactor: "enroll" });
    await agent.get("/api/invoices").expect(401);
    await agent.get("/api/auth/me").expect(401);
    const setup = await agent.post("/api/auth/totp/setup").expect(200);
    expect(setup.body.otpauthUri).toMatch(/^otpauth:\/\/totp\/SSP:finance%40demo\.kr\?/);
    const wrong = await agent.post("/api/auth/totp/enable").send({ code: "000000" });
    expect([wrong.status, wrong.body.code]).toEqual([401, "invalid_code"]);
    const done = await agent
      .post("/api/auth/totp/enable")
      .send({ code: totpCode(setup.body.secret, strict.clock.now()) })
      .expect(200);
    expect(done.body.twoFactor).toEqual({ enabled: true, required: true });
    await agent.get("/api/invoices").expect(200);
    const [row] = rowsOf<{ totp_secret: string }>(
      await strict.database.db.execute(sql`select totp_secret from users where email = 'finance@demo.kr'`),
    );
    expect(row!.totp_secret).not.toContain(setup.body.secret);
  });

  it("asks an enrolled user for a code, takes each code once, and issues a new session id", async () => {
    const { agent: first, secret } = await enrol(strict, "owner@demo.kr");
    await first.get("/api/users").expect(200);
    later(strict, 30);
    const { agent, body } = await passwordStep(strict, "owner@demo.kr");
    expect(body).toEqual({ twoFactor: "verify" });
    await agent.get("/api/users").expect(401);
    const code = totpCode(secret, strict.clock.now());
    const ok = await agent.post("/api/auth/totp/verify").send({ code }).expect(200);
    expect(ok.body.role).toBe("owner");
    expect(ok.headers["set-cookie"]![0]).toMatch(/^ssp_session=/);
    await agent.get("/api/users").expect(200);

    const { agent: replayer } = await passwordStep(strict, "owner@demo.kr");
    const replay = await replayer.post("/api/auth/totp/verify").send({ code });
    expect([replay.status, replay.body.code]).toEqual([401, "invalid_code"]);
  });

  it("limits wrong codes to five per pending sign-in, and lets a pending sign-in lapse", async () => {
    later(strict, 60);
    const { agent } = await passwordStep(strict, "owner@demo.kr");
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await agent.post("/api/auth/totp/verify").send({ code: "123456" })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);

    const { agent: slow } = await passwordStep(strict, "finance@demo.kr");
    later(strict, 11 * 60);
    const lapsed = await slow.post("/api/auth/totp/verify").send({ code: "123456" });
    expect(lapsed.status).toBe(401);
  });

  it("lets a cs agent opt in, and the owner require it of everyone or reset a lost phone", async () => {
    const cs = await passwordStep(strict, "cs@demo.kr");
    expect(cs.body).toMatchObject({ role: "cs", twoFactor: { enabled: false, required: false } });
    const setup = await cs.agent.post("/api/auth/totp/setup").expect(200);
    await cs.agent
      .post("/api/auth/totp/enable")
      .send({ code: totpCode(setup.body.secret, strict.clock.now()) })
      .expect(200);
    later(strict, 30);
    expect((await passwordStep(strict, "cs@demo.kr")).body).toEqual({ twoFactor: "verify" });

    later(strict, 30);
    const { agent: owner, secret } = await (async () => {
      const step = await passwordStep(strict, "owner@demo.kr");
      const [row] = rowsOf<{ totp_secret: string }>(
        await strict.database.db.execute(sql`select totp_secret from users where email = 'owner@demo.kr'`),
      );
      return { agent: step.agent, secret: row!.totp_secret };
    })();
    expect(secret).toBeTruthy();
    // The owner's authenticator shows what the secret (sealed in the row) gives now.
    await owner
      .post("/api/auth/totp/verify")
      .send({ code: totpCode(TEST_SECRET_BOX.open(secret), strict.clock.now()) })
      .expect(200);
    await owner
      .put("/api/partners/1")
      .send({ settings: { security: { requireTwoFactor: true } } })
      .expect(200);
    expect((await passwordStep(strict, "manager@demo.kr")).body).toEqual({ twoFactor: "enroll" });

    const financeId = await userId(strict, "finance@demo.kr");
    await owner
      .put(`/api/users/${financeId}`)
      .send({ name: "최재무", role: "finance", active: true, resetTwoFactor: true })
      .expect(200);
    expect((await passwordStep(strict, "finance@demo.kr")).body).toEqual({ twoFactor: "enroll" });
  });

  it("refuses to turn a required second factor off", async () => {
    later(strict, 30);
    const { agent } = await enrol(strict, "operator@ssp.kr");
    const res = await agent.post("/api/auth/totp/disable").send({ password: DEMO_PASSWORD });
    expect([res.status, res.body.code]).toEqual([409, "two_factor_required"]);
  });
});
