import { normalizePhone } from "@ssp/domain";
import { sql } from "drizzle-orm";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countOf, startTestApp, type TestApp } from "../../test/test-app.js";
import { rowsOf } from "../db/client.js";

let t: TestApp;
const kakaoCalls: { token: URLSearchParams[]; me: (string | null)[] } = { token: [], me: [] };

// Kakao's signing key (served as its JWKS) and a forger's key published nowhere, same key id.
const kakaoKey = await generateKeyPair("RS256");
const forgerKey = await generateKeyPair("RS256");
const KID = "9f252dadd5f233f93d2fa528d12fea";
/** The nonce of the attempt being completed, as Kakao read it from the authorize URL. */
let attemptNonce = "";
/** The nonce of an earlier, finished attempt (a replayed id_token carries it). */
let spentNonce = "";

/** The id_token Kakao issues for a code: a few codes stand for the attacks the callback refuses. */
async function idTokenFor(code: string): Promise<string> {
  const now = Math.floor(t.clock.now().getTime() / 1000);
  const claims = {
    nickname: "김카카오",
    nonce: code === "replayed-code" ? spentNonce : attemptNonce,
  };
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "RS256", kid: KID, typ: "JWT" })
    .setIssuer("https://kauth.kakao.com")
    .setAudience(code === "wrong-audience-code" ? "another-apps-key" : "rest-api-key")
    .setSubject(code === "other-user-code" ? "4987654321" : "4123456789")
    .setIssuedAt(code === "expired-code" ? now - 3 * 3600 : now)
    .setExpirationTime(code === "expired-code" ? now - 3600 : now + 7200)
    .sign(code === "forged-code" ? forgerKey.privateKey : kakaoKey.privateKey);
}

// Kakao's documented endpoints, answered in Kakao's documented shapes.
const kakao = setupServer(
  http.post("https://kauth.kakao.com/oauth/token", async ({ request: req }) => {
    const form = new URLSearchParams(await req.text());
    kakaoCalls.token.push(form);
    if (form.get("code") === "bad-code") {
      return HttpResponse.json(
        {
          error: "invalid_grant",
          error_description: "authorization code not found for code=bad-code",
          error_code: "KOE320",
        },
        { status: 400 },
      );
    }
    return HttpResponse.json({
      token_type: "bearer",
      // A second Kakao user, for the returning-customer-by-phone case.
      access_token: form.get("code") === "other-user-code" ? "other-access-token" : "kakao-access-token",
      id_token: await idTokenFor(form.get("code") ?? ""),
      expires_in: 21599,
      refresh_token: "r",
      refresh_token_expires_in: 5183999,
      scope: "openid account_email name phone_number birthyear birthday",
    });
  }),
  http.get("https://kauth.kakao.com/.well-known/jwks.json", async () =>
    HttpResponse.json({
      keys: [{ ...(await exportJWK(kakaoKey.publicKey)), kid: KID, kty: "RSA", alg: "RS256", use: "sig" }],
    }),
  ),
  http.get("https://kapi.kakao.com/v2/user/me", ({ request: req }) => {
    kakaoCalls.me.push(req.headers.get("authorization"));
    if (req.headers.get("authorization") === "Bearer other-access-token") {
      return HttpResponse.json({
        id: 4_987_654_321,
        kakao_account: {
          name: "박재방문",
          email: "returning@example.kr",
          phone_number: "+82 10-6666-2001",
          birthyear: "1900",
          birthday: "0103",
        },
      });
    }
    return HttpResponse.json({
      id: 4_123_456_789,
      connected_at: "2026-11-01T00:00:00Z",
      kakao_account: {
        name_needs_agreement: false,
        name: "김카카오",
        email_needs_agreement: false,
        is_email_valid: true,
        is_email_verified: true,
        email: "kakao.user@example.kr",
        phone_number_needs_agreement: false,
        phone_number: "+82 10-5555-1234",
        birthyear_needs_agreement: false,
        birthyear: "1900",
        birthday_needs_agreement: false,
        birthday: "0103",
        birthday_type: "SOLAR",
      },
    });
  }),
);

beforeAll(async () => {
  kakao.listen({
    onUnhandledRequest: (req, print) =>
      new URL(req.url).hostname === "127.0.0.1" ? undefined : print.error(),
  });
  t = await startTestApp({ today: "2026-03-10" });
  const owner = await t.login("owner@demo.kr");
  const partner = await owner.get("/api/partners/1").expect(200);
  await owner
    .put("/api/partners/1")
    .send({
      name: partner.body.name,
      settings: {
        ...partner.body.settings,
        kakao: { enabled: true, restApiKey: "rest-api-key", clientSecret: "secret" },
      },
    })
    .expect(200);
});
afterAll(async () => {
  kakao.close();
  await t.close();
});

const application = (over: Record<string, unknown> = {}) => ({
  name: "김카카오",
  birthDate: "1900-01-03",
  phone: "010-5555-1234",
  email: "kakao.user@example.kr",
  consents: { privacy: true, creditInquiry: true, marketing: false },
  termsVersion: "2026-11",
  planId: 1,
  installAddress: "서울특별시 마포구 월드컵북로 400",
  billingDay: 10,
  ...over,
});

/** The redirect to Kakao: its state, and the nonce Kakao will put in the id_token. */
async function kakaoStart() {
  const agent = request.agent(t.app);
  const start = await agent.get("/api/public/auth/kakao/start").query({ partner: "demo" }).expect(302);
  const authorize = new URL(start.headers.location!);
  expect(authorize.origin + authorize.pathname).toBe("https://kauth.kakao.com/oauth/authorize");
  expect(authorize.searchParams.get("client_id")).toBe("rest-api-key");
  expect(authorize.searchParams.get("response_type")).toBe("code");
  expect(authorize.searchParams.get("scope")).toContain("openid");
  attemptNonce = authorize.searchParams.get("nonce")!;
  return { agent, state: authorize.searchParams.get("state")! };
}

async function kakaoSignup(code = "auth-code") {
  const { agent, state } = await kakaoStart();
  const back = await agent.get("/api/public/auth/kakao/callback").query({ code, state }).expect(302);
  expect(back.headers.location).toBe("/apply/demo?signup=kakao");
  spentNonce = attemptNonce;
  return agent;
}

async function phoneSignup(phone: string) {
  const agent = request.agent(t.app);
  await agent.post("/api/public/verify-phone").send({ partner: "demo", phone }).expect(200);
  const to = normalizePhone(phone);
  const [sms] = rowsOf<{ body: string }>(
    await t.database.db.execute(
      sql`select body from notifications where channel = 'sms' and "to" = ${to} order by id desc limit 1`,
    ),
  );
  const code = /(\d{6})/.exec(sms!.body)![1]!;
  const wrong = code === "000000" ? "111111" : "000000";
  const miss = await agent
    .post("/api/public/verify-phone/confirm")
    .send({ partner: "demo", phone, code: wrong })
    .expect(400);
  expect(miss.body).toMatchObject({ code: "code_invalid", remainingAttempts: 4 });
  await agent.post("/api/public/verify-phone/confirm").send({ partner: "demo", phone, code }).expect(200);
  return agent;
}

describe("public signup and application", () => {
  it("shows the partner's plans on offer", async () => {
    const res = await request(t.app).get("/api/public/partners/demo").expect(200);
    expect(res.body).toMatchObject({ name: "데모렌탈", kakaoEnabled: true, termsVersion: "2026-11" });
    expect(res.body.plans[0]).toMatchObject({
      id: expect.any(Number),
      productName: expect.any(String),
      monthlyFee: expect.any(Number),
    });
    await request(t.app).get("/api/public/partners/nope").expect(404);
  });

  it("signs up with Kakao (OIDC code flow), prefills, applies, and sends the contract when approved", async () => {
    const agent = await kakaoSignup();
    expect(kakaoCalls.token.at(-1)?.get("grant_type")).toBe("authorization_code");
    expect(kakaoCalls.token.at(-1)?.get("client_secret")).toBe("secret");
    expect(kakaoCalls.me.at(-1)).toBe("Bearer kakao-access-token");
    const me = await agent.get("/api/public/applicant").query({ partner: "demo" }).expect(200);
    expect(me.body).toEqual({
      method: "kakao",
      name: "김카카오",
      email: "kakao.user@example.kr",
      phone: "010-5555-1234",
      birthDate: "1900-01-03",
    });

    const res = await agent.post("/api/public/apply/demo").send(application()).expect(201);
    expect(res.body).toMatchObject({ outcome: "approved", contractSent: true });
    const manager = await t.login("manager@demo.kr");
    const order = await manager.get(`/api/orders/${res.body.orderId}`).expect(200);
    expect(order.body).toMatchObject({ status: "contract_sent", source: "public" });
    const customer = await manager.get(`/api/customers/${order.body.customerId}`).expect(200);
    expect(customer.body.consents).toMatchObject({
      privacy: expect.any(String),
      creditInquiry: expect.any(String),
      marketing: null,
    });
    const mail = await manager
      .get("/api/notifications")
      .query({ filter: JSON.stringify({ template: "contract_sent" }) })
      .expect(200);
    expect(mail.body.some((m: { to: string }) => m.to === "kakao.user@example.kr")).toBe(true);
    // The application, its credit check and the contract sent are audit rows in the customer's name.
    const trail = rowsOf<{ entity: string; action: string; actor_kind: string; actor_id: number }>(
      await t.database.db.execute(sql`
        select entity, action, actor_kind, actor_id from audit_logs
        where actor_kind = 'customer' and actor_id = ${order.body.customerId} order by id`),
    );
    expect(trail.map((r) => `${r.entity} ${r.action}`)).toEqual(
      expect.arrayContaining(["customers customer:apply", "orders customer:apply", "contracts status:sent"]),
    );
  });

  it("matches a returning Kakao customer instead of duplicating them", async () => {
    const before = await countOf(t.database, "customers");
    const agent = await kakaoSignup();
    await agent
      .post("/api/public/apply/demo")
      .send(application({ planId: 2 }))
      .expect(201);
    expect(await countOf(t.database, "customers")).toBe(before);
  });

  it("links a first Kakao login to the customer with the same Kakao-verified phone", async () => {
    const manager = await t.login("manager@demo.kr");
    const known = await manager
      .post("/api/customers")
      .send({ name: "박재방문", birthDate: "1900-01-03", phone: "010-6666-2001" })
      .expect(201);
    const before = await countOf(t.database, "customers");
    const agent = await kakaoSignup("other-user-code");
    const res = await agent
      .post("/api/public/apply/demo")
      .send(
        application({
          name: "박재방문",
          phone: "010-6666-2001",
          email: "returning@example.kr",
        }),
      )
      .expect(201);
    expect(await countOf(t.database, "customers")).toBe(before);
    expect((await manager.get(`/api/orders/${res.body.orderId}`)).body.customerId).toBe(known.body.id);
    const identities = rowsOf<{ customer_id: number }>(
      await t.database.db.execute(
        sql`select customer_id from customer_identities where provider = 'kakao' and subject = '4987654321'`,
      ),
    );
    expect(identities).toEqual([{ customer_id: known.body.id }]);
  });

  it("signs up with a phone code, matches a known phone, and lands a middling score in review", async () => {
    const manager = await t.login("manager@demo.kr");
    const known = await manager
      .post("/api/customers")
      .send({ name: "기존고객", birthDate: "1900-01-02", phone: "010-4444-0001" })
      .expect(201);
    const agent = await phoneSignup("01044440001");
    const before = await countOf(t.database, "customers");
    const res = await agent
      .post("/api/public/apply/demo")
      .send(
        application({
          name: "기존고객",
          birthDate: "1900-01-02",
          phone: "010-4444-0001",
          email: "known@example.kr",
        }),
      )
      .expect(201);
    expect(res.body).toMatchObject({ outcome: "review", contractSent: false });
    expect(await countOf(t.database, "customers")).toBe(before);
    expect((await manager.get(`/api/orders/${res.body.orderId}`)).body.customerId).toBe(known.body.id);
  });

  it("carries the install address's parts from the application to the customer, the order and the contract", async () => {
    const agent = await phoneSignup("010-4444-0602");
    const parts = {
      installPostcode: "06236",
      installAddress: "서울 강남구 테헤란로 152",
      installAddressDetail: "강남파이낸스센터 10층",
    };
    const bad = await agent
      .post("/api/public/apply/demo")
      .send(
        application({
          name: "주소고객",
          phone: "010-4444-0602",
          email: "parts@example.kr",
          installPostcode: "0623",
        }),
      )
      .expect(400);
    expect(bad.body).toMatchObject({
      code: "validation_failed",
      errors: { installPostcode: expect.any(String) },
    });
    const res = await agent
      .post("/api/public/apply/demo")
      .send(application({ name: "주소고객", phone: "010-4444-0602", email: "parts@example.kr", ...parts }))
      .expect(201);
    expect(res.body).toMatchObject({ outcome: "approved", contractSent: true });
    const manager = await t.login("manager@demo.kr");
    const order = await manager.get(`/api/orders/${res.body.orderId}`).expect(200);
    expect(order.body).toMatchObject(parts);
    const contract = await manager.get(`/api/contracts/${order.body.contractId}`).expect(200);
    expect(contract.body).toMatchObject(parts);
    const customer = await manager.get(`/api/customers/${order.body.customerId}`).expect(200);
    expect(customer.body).toMatchObject({
      postcode: "06236",
      address: "서울 강남구 테헤란로 152",
      addressDetail: "강남파이낸스센터 10층",
    });
  });

  it("counts parallel wrong codes against the five tries, then refuses the right one", async () => {
    const phone = "010-3333-0077";
    await request(t.app).post("/api/public/verify-phone").send({ partner: "demo", phone }).expect(200);
    const [sms] = rowsOf<{ body: string }>(
      await t.database.db.execute(
        sql`select body from notifications where channel = 'sms' and "to" = ${phone} order by id desc limit 1`,
      ),
    );
    const code = /(\d{6})/.exec(sms!.body)![1]!;
    const wrong = code === "000000" ? "111111" : "000000";
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        request(t.app).post("/api/public/verify-phone/confirm").send({ partner: "demo", phone, code: wrong }),
      ),
    );
    expect(answers.every((a) => a.status === 400)).toBe(true);
    // Each try is counted once: 4, 3, 2, 1, 0 left for five of them, none for the rest.
    expect(answers.map((a) => a.body.remainingAttempts).sort()).toEqual([0, 0, 0, 0, 0, 0, 1, 2, 3, 4]);
    const [row] = rowsOf<{ attempts: number }>(
      await t.database.db.execute(
        sql`select attempts from phone_verifications where phone = ${phone} order by id desc limit 1`,
      ),
    );
    expect(row!.attempts).toBe(5);
    const late = await request(t.app)
      .post("/api/public/verify-phone/confirm")
      .send({ partner: "demo", phone, code })
      .expect(400);
    expect(late.body).toMatchObject({ code: "code_invalid", remainingAttempts: 0 });
  });

  it("answers a new and an existing phone identically (no existence leak)", async () => {
    const a = await request(t.app)
      .post("/api/public/verify-phone")
      .send({ partner: "demo", phone: "010-4444-0001" })
      .expect(200);
    const b = await request(t.app)
      .post("/api/public/verify-phone")
      .send({ partner: "demo", phone: "010-9999-8888" })
      .expect(200);
    expect(a.body).toEqual(b.body);
  });

  it("requires a proven applicant, the required consents, the current terms and the verified phone", async () => {
    const orders = await countOf(t.database, "orders");
    await request(t.app).post("/api/public/apply/demo").send(application()).expect(401);
    const agent = await phoneSignup("010-3333-0002");
    const bad = await agent
      .post("/api/public/apply/demo")
      .send(
        application({
          phone: "010-3333-0002",
          consents: { privacy: true, creditInquiry: false, marketing: false },
          termsVersion: "2020-01",
          billingDay: 29,
        }),
      )
      .expect(400);
    expect(Object.keys(bad.body.errors).sort()).toEqual([
      "billingDay",
      "consents.creditInquiry",
      "termsVersion",
    ]);
    const other = await agent
      .post("/api/public/apply/demo")
      .send(application({ phone: "010-3333-0003" }))
      .expect(400);
    expect(other.body.errors).toHaveProperty("phone");
    expect(await countOf(t.database, "orders")).toBe(orders);
  });

  it("accepts only an id_token signed by Kakao's keys, for this app, unexpired", async () => {
    for (const code of ["forged-code", "wrong-audience-code", "expired-code"]) {
      const { agent, state } = await kakaoStart();
      const refused = await agent.get("/api/public/auth/kakao/callback").query({ code, state }).expect(400);
      expect(refused.body.code, code).toBe("kakao_token_invalid");
      expect(String(refused.headers["set-cookie"] ?? ""), code).not.toContain("ssp_applicant=");
    }
  });

  it("refuses a replayed callback and an id_token from an earlier login (nonce used once)", async () => {
    // The same callback twice: the attempt is claimed by the first, the second is refused.
    const { agent, state } = await kakaoStart();
    await agent.get("/api/public/auth/kakao/callback").query({ code: "auth-code", state }).expect(302);
    spentNonce = attemptNonce;
    const replay = request.agent(t.app);
    const again = await replay
      .get("/api/public/auth/kakao/callback")
      .set("Cookie", `ssp_kakao_state=${state}.demo`)
      .query({ code: "auth-code", state })
      .expect(400);
    expect(again.body.code).toBe("state_mismatch");
    // A fresh attempt whose code yields a token minted for the earlier one: wrong nonce.
    const fresh = await kakaoStart();
    const stale = await fresh.agent
      .get("/api/public/auth/kakao/callback")
      .query({ code: "replayed-code", state: fresh.state })
      .expect(400);
    expect(stale.body.code).toBe("kakao_token_invalid");
  });

  it("reports a failed Kakao exchange and a forged state clearly", async () => {
    const agent = request.agent(t.app);
    const start = await agent.get("/api/public/auth/kakao/start").query({ partner: "demo" }).expect(302);
    const state = new URL(start.headers.location!).searchParams.get("state")!;
    await agent
      .get("/api/public/auth/kakao/callback")
      .query({ code: "auth-code", state: "forged" })
      .expect(400);
    const failed = await agent
      .get("/api/public/auth/kakao/callback")
      .query({ code: "bad-code", state })
      .expect(502);
    expect(failed.body.code).toBe("kakao_unavailable");
  });
});
