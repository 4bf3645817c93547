import { eq, sql } from "drizzle-orm";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startSmtpInbox } from "../../test/support/smtp-inbox.js";
import { countOf, startTestApp, TEST_SECRET_BOX, type TestApp } from "../../test/test-app.js";
import { SolapiClient } from "../adapters/solapi/solapi.js";
import { rowsOf } from "../db/client.js";
import { notificationAttempts, notifications, partners } from "../db/schema/index.js";
import { inTenantTransaction } from "../db/tenant.js";
import { smtpMailer } from "./mailer.js";
import {
  BACKOFF_BASE_MS,
  deliverDue,
  enqueueForCustomer,
  enqueueForCustomers,
  MAX_ATTEMPTS,
} from "./outbox.js";

const SOLAPI = "https://api.solapi.com/messages/v4/send-many/detail";
const server = setupServer();
let sent: Record<string, unknown>[] = [];
/** What the mocked vendor answers for one message (statusCode). */
let answer: (m: Record<string, unknown>) => string = () => "2000";
let httpStatus = 200;

let t: TestApp;
let inbox: Awaited<ReturnType<typeof startSmtpInbox>>;
let demoId: number;
const mailer = () => smtpMailer({ url: inbox.url, from: "SSP <no-reply@ssp.test>" });
const deps = () => ({
  db: t.database.db,
  mailer: mailer(),
  texts: new SolapiClient({ timeoutMs: 2_000 }),
  secretBox: TEST_SECRET_BOX,
  now: () => t.clock.now(),
});

beforeAll(async () => {
  server.listen({ onUnhandledRequest: "bypass" });
  server.use(
    http.post(SOLAPI, async ({ request }) => {
      const body = (await request.json()) as { messages: Record<string, unknown>[] };
      if (httpStatus !== 200)
        return HttpResponse.json({ errorCode: "InternalError", errorMessage: "x" }, { status: httpStatus });
      sent.push(...body.messages);
      const list = body.messages.map((m, i) => ({
        messageId: `M${sent.length}${i}`,
        statusCode: answer(m),
        statusMessage: answer(m) === "2000" ? "정상 접수" : "카카오톡 미사용자",
        customFields: m.customFields,
      }));
      return HttpResponse.json({
        groupInfo: { groupId: "G1" },
        messageList: list.filter((m) => m.statusCode === "2000"),
        failedMessageList: list.filter((m) => m.statusCode !== "2000"),
      });
    }),
  );
  inbox = await startSmtpInbox();
  t = await startTestApp({
    today: "2026-03-10",
    adapters: { mailer: mailer(), texts: new SolapiClient({ timeoutMs: 2_000 }) },
  });
  const [demo] = await t.database.db.select().from(partners).where(eq(partners.slug, "demo"));
  demoId = demo!.id;
  const owner = await t.login("owner@demo.kr");
  await owner
    .put(`/api/partners/${demoId}`)
    .send({
      settings: {
        notifications: { email: true, alimtalk: true },
        messaging: {
          apiKey: "NCSDEMOKEY",
          apiSecret: "DEMO-SECRET-0001",
          pfId: "KA01PF-DEMO",
          senderPhone: "02-1234-5678",
          templates: {
            contract_sent: {
              code: "KA01TP-SENT",
              approved: true,
              text: "#{customer} 고객님, #{product} 계약서(#{number})입니다. #{link}",
            },
            contract_signed: { code: "KA01TP-SIGNED", approved: false, text: "#{customer} 서명 완료" },
          },
        },
      },
    })
    .expect(200);
});
afterEach(() => {
  sent = [];
  answer = () => "2000";
  httpStatus = 200;
});
afterAll(async () => {
  server.close();
  await t.close();
  await inbox.close();
});

let seq = 0;
async function contractFor(input: { email?: string | null; phone?: string }) {
  const manager = await t.login("manager@demo.kr");
  const customer = await manager
    .post("/api/customers")
    .send({
      name: "알림톡",
      birthDate: "1990-01-03",
      phone: input.phone ?? `010-7100-${1000 + ++seq}`,
      email: input.email ?? null,
      consents: { privacy: true, creditInquiry: true },
    })
    .expect(201);
  const order = await manager
    .post("/api/orders")
    .send({
      customerId: customer.body.id,
      planId: 1,
      installAddress: "서울특별시 강남구 테헤란로 152",
      billingDay: 5,
    })
    .expect(201);
  await manager.post(`/api/orders/${order.body.id}/credit-check`).expect(200);
  const contract = await manager.post(`/api/orders/${order.body.id}/contract`).expect(201);
  return { manager, contractId: contract.body.id as number, customerId: customer.body.id as number };
}

const messagesOf = (contractId: number) =>
  t.database.db
    .select()
    .from(notifications)
    .where(sql`${notifications.entity} = 'contracts' and ${notifications.entityId} = ${contractId}`)
    .orderBy(notifications.id);

describe("partner messaging settings", () => {
  it("refuses a template with a variable the event does not have, naming it; never shows the secret", async () => {
    const owner = await t.login("owner@demo.kr");
    const res = await owner
      .put(`/api/partners/${demoId}`)
      .send({
        settings: {
          messaging: {
            templates: { contract_sent: { code: "X", approved: true, text: "#{고객명} #{customer}" } },
          },
        },
      })
      .expect(400);
    expect(JSON.stringify(res.body)).toContain("#{고객명}");
    expect(JSON.stringify(res.body)).toContain("settings.messaging.templates.contract_sent.text");
    const shown = await owner.get(`/api/partners/${demoId}`).expect(200);
    expect(shown.body.settings.messaging.apiSecretSet).toBe(true);
    expect(JSON.stringify(shown.body)).not.toContain("DEMO-SECRET-0001");
  });
});

describe("sending by the customer's channels", () => {
  it("sends a contract to a phone-only customer by alimtalk with the approved template", async () => {
    const { manager, contractId } = await contractFor({ email: null });
    await manager.post(`/api/contracts/${contractId}/send`).expect(200);
    await t.app.outbox.idle();
    const [message] = await messagesOf(contractId);
    expect(message).toMatchObject({ channel: "alimtalk", status: "sent", attempts: 1, deliveredAs: null });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      type: "ATA",
      from: "0212345678",
      kakaoOptions: { pfId: "KA01PF-DEMO", templateId: "KA01TP-SENT" },
    });
    const variables = (sent[0]!.kakaoOptions as { variables: Record<string, string> }).variables;
    expect(variables["#{customer}"]).toBe("알림톡");
    expect(variables["#{link}"]).toMatch(/^http:\/\/localhost:3000\/sign\//);
    const attempts = await t.database.db
      .select()
      .from(notificationAttempts)
      .where(eq(notificationAttempts.notificationId, message!.id));
    expect(attempts).toMatchObject([{ channel: "alimtalk", outcome: "sent", vendorCode: "2000" }]);
  });

  it("shows staff the message with the signing link masked, its attempts, and lets them resend it", async () => {
    const { manager, contractId } = await contractFor({ email: null });
    await manager.post(`/api/contracts/${contractId}/send`).expect(200);
    await t.app.outbox.idle();
    const [message] = await messagesOf(contractId);
    const cs = await t.login("cs@demo.kr");
    const shown = await cs.get(`/api/notifications/${message!.id}`).expect(200);
    expect(message!.body).toMatch(/\/sign\/[A-Za-z0-9_-]{20,}/);
    expect(shown.body.body).toContain("/sign/••••••");
    expect(JSON.stringify(shown.body)).not.toMatch(/\/sign\/[A-Za-z0-9_-]{8,}/);
    const attempts = await cs.get(`/api/notifications/${message!.id}/attempts`).expect(200);
    expect(attempts.body).toMatchObject([{ channel: "alimtalk", outcome: "sent", vendorCode: "2000" }]);
    sent = [];
    const copy = await cs.post(`/api/notifications/${message!.id}/resend`).expect(201);
    expect(copy.body).toMatchObject({ resendOf: message!.id, channel: "alimtalk", status: "pending" });
    await t.app.outbox.idle();
    expect(sent).toHaveLength(1);
    expect(
      String((sent[0]!.kakaoOptions as { variables: Record<string, string> }).variables["#{link}"]),
    ).toBe((message!.vars as Record<string, string>).link);
    const finance = await t.login("finance@demo.kr");
    await finance.post(`/api/notifications/${message!.id}/resend`).expect(403);
  });

  it("falls back to LMS when Kakao cannot deliver, logging both attempts", async () => {
    answer = (m) => (m.type === "ATA" ? "3104" : "2000");
    const { manager, contractId } = await contractFor({ email: null });
    await manager.post(`/api/contracts/${contractId}/send`).expect(200);
    await t.app.outbox.idle();
    const [message] = await messagesOf(contractId);
    expect(message).toMatchObject({ channel: "alimtalk", status: "sent", deliveredAs: "lms" });
    expect(sent.map((m) => m.type)).toEqual(["ATA", "LMS"]);
    expect(String(sent[1]!.text)).toContain("/sign/");
    const attempts = await t.database.db
      .select()
      .from(notificationAttempts)
      .where(eq(notificationAttempts.notificationId, message!.id))
      .orderBy(notificationAttempts.id);
    expect(attempts.map((a) => [a.channel, a.outcome, a.vendorCode])).toEqual([
      ["alimtalk", "fallback", "3104"],
      ["lms", "sent", "2000"],
    ]);
  });

  it("sends a template that is not approved as SMS/LMS, never as alimtalk", async () => {
    const recipient = { phone: "010-7200-0001", email: null };
    await inTenantTransaction(t.database.db, { kind: "partner", partnerId: demoId }, (tx) =>
      enqueueForCustomer(tx, {
        partnerId: demoId,
        recipient,
        template: "contract_signed",
        vars: { customer: "고객", number: "C-1", sha256: "ab" },
      }),
    );
    await deliverDue(deps());
    expect(sent.map((m) => m.type)).toEqual(["LMS"]);
  });

  it("e-mails a customer with an address as HTML and text, signed with the partner's name", async () => {
    const owner = await t.login("owner@demo.kr");
    await owner
      .put(`/api/partners/${demoId}`)
      .send({ settings: { notifications: { alimtalk: false } } })
      .expect(200);
    try {
      const email = `branded${++seq}@example.kr`;
      const { manager, contractId } = await contractFor({ email });
      await manager.post(`/api/contracts/${contractId}/send`).expect(200);
      const mail = await inbox.waitFor(email, /전자서명 요청/);
      const [demo] = await t.database.db.select().from(partners).where(eq(partners.id, demoId));
      expect(mail.subject).toContain(`[${demo!.name}]`);
      expect(mail.from?.value[0]?.name).toBe(demo!.name);
      expect(JSON.stringify(mail)).not.toContain("[SSP]");
      expect(mail.html).toContain(`<h1 style="font-size:18px;margin:0 0 24px">${demo!.name}</h1>`);
      expect(mail.html).toMatch(/<a href="http:\/\/localhost:3000\/sign\/[A-Za-z0-9_-]+">/);
      expect(mail.text).toContain("/sign/");
    } finally {
      await owner
        .put(`/api/partners/${demoId}`)
        .send({ settings: { notifications: { alimtalk: true } } })
        .expect(200);
    }
  });
});

describe("the outbox", () => {
  it("sends nothing for a change that rolls back", async () => {
    const before = await countOf(t.database, "notifications");
    await expect(
      inTenantTransaction(t.database.db, { kind: "partner", partnerId: demoId }, async (tx) => {
        await enqueueForCustomer(tx, {
          partnerId: demoId,
          recipient: { phone: "010-7300-0001" },
          template: "contract_reactivated",
          vars: { customer: "고객", number: "C-2" },
        });
        throw new Error("the business change failed");
      }),
    ).rejects.toThrow("the business change failed");
    expect(await countOf(t.database, "notifications")).toBe(before);
    await deliverDue(deps());
    expect(sent).toEqual([]);
  });

  it("queues more messages at once than one statement can bind (a day's visit reminders at scale)", async () => {
    const before = await countOf(t.database, "notifications");
    await expect(
      inTenantTransaction(t.database.db, { kind: "partner", partnerId: demoId }, async (tx) => {
        const channels = await enqueueForCustomers(
          tx,
          Array.from({ length: 5_000 }, (_, i) => ({
            partnerId: demoId,
            recipient: { phone: `010-7301-${String(i).padStart(4, "0")}` },
            template: "contract_reactivated" as const,
            vars: { customer: "고객", number: `C-${i}` },
          })),
        );
        expect(channels.filter((c) => c !== null)).toHaveLength(5_000);
        const [row] = rowsOf<{ n: number }>(
          await tx.execute(sql`select count(*)::int as n from notifications`),
        );
        expect(row!.n).toBe(before + 5_000);
        throw new Error("rolled back, so that no later test delivers them");
      }),
    ).rejects.toThrow("rolled back");
    expect(await countOf(t.database, "notifications")).toBe(before);
  });

  it("backs off exponentially by the app's clock and ends in failed after the last attempt", async () => {
    httpStatus = 503;
    const start = new Date("2026-03-10T03:00:00Z");
    t.clock.set(start);
    await inTenantTransaction(t.database.db, { kind: "partner", partnerId: demoId }, (tx) =>
      enqueueForCustomer(tx, {
        partnerId: demoId,
        recipient: { phone: "010-7400-0001" },
        template: "contract_reactivated",
        vars: { customer: "고객", number: "C-3" },
      }),
    );
    const [row] = await t.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.to, "010-7400-0001"));
    const read = async () =>
      (await t.database.db.select().from(notifications).where(eq(notifications.id, row!.id)))[0]!;
    let at = start.getTime();
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      await deliverDue(deps());
      const now = await read();
      expect(now.attempts).toBe(attempt);
      if (attempt < MAX_ATTEMPTS) {
        const wait = BACKOFF_BASE_MS * 2 ** (attempt - 1);
        expect(now.status).toBe("pending");
        expect(now.nextAttemptAt?.getTime()).toBe(at + wait);
        // Not due a millisecond before.
        t.clock.set(new Date(at + wait - 1));
        expect(await deliverDue(deps())).toBe(0);
        at += wait;
        t.clock.set(new Date(at));
      } else {
        expect(now.status).toBe("failed");
      }
    }
    const attempts = await t.database.db
      .select()
      .from(notificationAttempts)
      .where(eq(notificationAttempts.notificationId, row!.id));
    expect(attempts.map((a) => a.outcome)).toEqual(["retry", "retry", "retry", "retry", "failed"]);
    expect(attempts[0]!.vendorCode).toBe("InternalError");
  });

  it("sends no marketing without consent, and holds consented marketing queued at night until 08:00 Seoul", async () => {
    const night = new Date("2026-03-10T13:30:00Z"); // 22:30 Seoul
    t.clock.set(night);
    const channels = await inTenantTransaction(
      t.database.db,
      { kind: "partner", partnerId: demoId },
      async (tx) => [
        await enqueueForCustomer(tx, {
          partnerId: demoId,
          recipient: { phone: "010-7500-0001", consentMarketingAt: null },
          template: "promotion",
          vars: { customer: "고객", title: "봄맞이", text: "할인" },
          now: night,
        }),
        await enqueueForCustomer(tx, {
          partnerId: demoId,
          recipient: { phone: "010-7500-0002", consentMarketingAt: new Date("2026-01-01") },
          template: "promotion",
          vars: { customer: "고객", title: "봄맞이", text: "할인" },
          now: night,
          unsubscribeUrl: "http://localhost:3000/api/public/unsubscribe/token",
        }),
      ],
    );
    // Advertising never rides alimtalk (information only): to a phone it is a text message.
    expect(channels).toEqual([null, "sms"]);
    const rows = rowsOf<{ to: string; next: Date }>(
      await t.database.db.execute(
        sql`select "to", next_attempt_at as next from notifications where template = 'promotion'`,
      ),
    );
    expect(rows.map((r) => r.to)).toEqual(["010-7500-0002"]);
    expect(new Date(rows[0]!.next).toISOString()).toBe("2026-03-10T23:00:00.000Z"); // 08:00 Seoul
    await deliverDue(deps());
    expect(sent).toEqual([]);
    t.clock.set(new Date("2026-03-10T23:00:00Z"));
    await deliverDue(deps());
    expect(sent.map((m) => m.to)).toEqual(["01075000002"]);
    expect(sent[0]).not.toHaveProperty("kakaoOptions");
    expect(String(sent[0]!.text)).toMatch(
      /^\(광고\)데모렌탈\n[\s\S]*\n무료수신거부: http:\/\/localhost:3000\/api\/public\/unsubscribe\/token$/,
    );
  });
});
