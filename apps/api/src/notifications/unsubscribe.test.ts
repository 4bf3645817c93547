import { and, eq, sql } from "drizzle-orm";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtpInbox } from "../../test/support/smtp-inbox.js";
import { startTestApp, TEST_SECRET_BOX, type TestApp } from "../../test/test-app.js";
import { rowsOf } from "../db/client.js";
import { auditLogs, customers, notifications, partners } from "../db/schema/index.js";
import { inTenantTransaction } from "../db/tenant.js";
import { smtpMailer } from "./mailer.js";
import { deliverDue, enqueueForCustomer } from "./outbox.js";
import { unsubscribeToken, unsubscribeUrl } from "./unsubscribe.js";

let t: TestApp;
let inbox: Awaited<ReturnType<typeof startSmtpInbox>>;
let partnerId: number;
let customer: { id: number; email: string };

beforeAll(async () => {
  inbox = await startSmtpInbox();
  const mailer = smtpMailer({ url: inbox.url, from: "SSP <no-reply@ssp.test>" });
  t = await startTestApp({ today: "2026-03-10", adapters: { mailer } });
  const [demo] = await t.database.db.select().from(partners).where(eq(partners.slug, "demo"));
  partnerId = demo!.id;
  const [row] = rowsOf<{ id: number }>(
    await t.database.db.execute(
      sql`select id from customers where partner_id = ${partnerId} and email is not null order by id limit 1`,
    ),
  );
  customer = { id: Number(row!.id), email: "marketing.reader@example.kr" };
  // An e-mail reader who agreed to advertising.
  await t.database.db
    .update(customers)
    .set({ email: customer.email, preferredChannel: "email", consentMarketingAt: "2026-01-01T00:00:00.000Z" })
    .where(eq(customers.id, customer.id));
});
afterAll(async () => {
  await t.close();
  await inbox.close();
});

/** The current consent, read as the customer's record has it. */
async function consent() {
  const [row] = await t.database.db
    .select({ consentMarketingAt: customers.consentMarketingAt, email: customers.email })
    .from(customers)
    .where(eq(customers.id, customer.id));
  return row!;
}

/** Queues a promotion to the customer as a campaign would: their consent as it is now, their link. */
function sendPromotion(title: string) {
  return inTenantTransaction(t.database.db, { kind: "partner", partnerId }, async (tx) => {
    const [c] = await tx.select().from(customers).where(eq(customers.id, customer.id));
    return enqueueForCustomer(tx, {
      partnerId,
      recipient: {
        email: c!.email,
        phone: c!.phone,
        preferredChannel: c!.preferredChannel,
        consentMarketingAt: c!.consentMarketingAt,
      },
      template: "promotion",
      vars: { customer: c!.name, title, text: "필터 교체 20% 할인" },
      now: t.clock.now(),
      unsubscribeUrl: unsubscribeUrl({
        publicUrl: "http://localhost:3000",
        box: TEST_SECRET_BOX,
        partnerId,
        customerId: customer.id,
      }),
    });
  });
}

describe("marketing e-mail unsubscribe", () => {
  it("carries a signed per-customer link and List-Unsubscribe; the link withdraws consent, audited, and later marketing is not queued", async () => {
    expect(await sendPromotion("봄맞이 할인")).toBe("email");
    await deliverDue({
      db: t.database.db,
      mailer: smtpMailer({ url: inbox.url, from: "SSP <no-reply@ssp.test>" }),
      secretBox: TEST_SECRET_BOX,
      now: () => t.clock.now(),
    });
    const mail = await inbox.waitFor(customer.email, /봄맞이 할인/);
    const link = /수신거부: (\S+)/.exec(mail.text ?? "")![1]!;
    expect(link).toMatch(/^http:\/\/localhost:3000\/api\/public\/unsubscribe\/\S+$/);
    expect(mail.html).toContain(`href="${link}"`);
    const header = (key: string) =>
      mail.headerLines
        .find((h) => h.key === key)
        ?.line.replace(/^[^:]+:\s*/, "")
        .replace(/\r\n\s*/g, "");
    expect(header("list-unsubscribe")).toBe(`<${link}>`);
    expect(header("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    const path = new URL(link).pathname;

    // Opening the link only asks (a mail scanner that follows it unsubscribes nobody).
    const asked = await request(t.app).get(path).expect(200);
    expect(asked.headers["content-type"]).toMatch(/text\/html/);
    expect(asked.text).toContain("광고성 정보 수신거부");
    expect(asked.text).toContain('<form method="post">');
    expect((await consent()).consentMarketingAt).not.toBeNull();

    // Another promotion still waiting in the outbox is stopped by the refusal.
    expect(await sendPromotion("주말 특가")).toBe("email");

    // The page's button (a form post), or a mail reader's one-click POST (RFC 8058).
    const done = await request(t.app).post(path).type("form").send("List-Unsubscribe=One-Click").expect(200);
    expect(done.text).toContain("수신거부가 완료되었습니다");
    expect((await consent()).consentMarketingAt).toBeNull();
    const audit = await t.database.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.entity, "customers"), eq(auditLogs.action, "customer:unsubscribe_marketing")));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorKind: "customer",
      actorId: customer.id,
      entityId: String(customer.id),
    });
    expect(JSON.stringify(audit[0]!.after)).not.toContain(customer.email);
    expect(audit[0]!.after).toMatchObject({ stoppedMessages: 1 });
    const [waiting] = await t.database.db
      .select({ status: notifications.status })
      .from(notifications)
      .where(eq(notifications.subject, "[광고] [데모렌탈] 주말 특가"));
    expect(waiting!.status).toBe("failed");

    // Clicking again changes nothing and writes no second audit row.
    await request(t.app).post(path).type("form").send("List-Unsubscribe=One-Click").expect(200);
    expect(
      await t.database.db
        .select()
        .from(auditLogs)
        .where(eq(auditLogs.action, "customer:unsubscribe_marketing")),
    ).toHaveLength(1);

    // Staff cannot resend the advertising they already got.
    const owner = await t.login("owner@demo.kr");
    const [firstAd] = await t.database.db
      .select({ id: notifications.id })
      .from(notifications)
      .where(eq(notifications.subject, "[광고] [데모렌탈] 봄맞이 할인"));
    const resent = await owner.post(`/api/notifications/${firstAd!.id}/resend`).expect(409);
    expect(resent.body.code).toBe("marketing_consent_withdrawn");

    // The next campaign skips the customer.
    expect(await sendPromotion("여름 할인")).toBeNull();
    const queued = await t.database.db
      .select({ subject: notifications.subject })
      .from(notifications)
      .where(eq(notifications.template, "promotion"));
    expect(queued.map((q) => q.subject)).toEqual([
      "[광고] [데모렌탈] 봄맞이 할인",
      "[광고] [데모렌탈] 주말 특가",
    ]);
  });

  it("refuses a tampered or foreign token with a clear 400 and shows staff the link masked", async () => {
    const token = unsubscribeToken(TEST_SECRET_BOX, { partnerId, customerId: customer.id });
    const tampered = `${token.slice(0, -4)}${token.endsWith("AAAA") ? "BBBB" : "AAAA"}`;
    const refused = await request(t.app).post(`/api/public/unsubscribe/${tampered}`).expect(400);
    expect(refused.body.code).toBe("unsubscribe_link_invalid");
    // A sealed value that is not an unsubscribe claim (e.g. a partner's secret) is no token.
    const other = TEST_SECRET_BOX.seal("kakao-client-secret");
    await request(t.app).get(`/api/public/unsubscribe/${other}`).expect(400);

    const owner = await t.login("owner@demo.kr");
    const list = await owner
      .get("/api/notifications")
      .query({ filter: JSON.stringify({ template: "promotion" }) });
    expect(list.status).toBe(200);
    const shown = JSON.stringify(list.body);
    expect(shown).toContain("/unsubscribe/••••••");
    expect(shown).not.toContain(token.slice(0, 20));
  });

  it("sends advertising to a phone as a text, never as alimtalk: (광고) and the sender first, a free refusal link last", async () => {
    const [row] = rowsOf<{ id: number; phone: string }>(
      await t.database.db.execute(
        sql`select id, phone from customers where partner_id = ${partnerId} and id <> ${customer.id} order by id limit 1`,
      ),
    );
    const texter = { id: Number(row!.id), phone: row!.phone };
    const recipient = {
      email: null,
      phone: texter.phone,
      preferredChannel: "alimtalk" as const,
      consentMarketingAt: "2026-01-01T00:00:00.000Z",
    };
    const link = unsubscribeUrl({
      publicUrl: "http://localhost:3000",
      box: TEST_SECRET_BOX,
      partnerId,
      customerId: texter.id,
    });
    const queue = (title: string, withLink = true) =>
      inTenantTransaction(t.database.db, { kind: "partner", partnerId }, (tx) =>
        enqueueForCustomer(tx, {
          partnerId,
          recipient,
          template: "promotion",
          vars: { customer: "고객", title, text: "필터 교체 20% 할인" },
          now: t.clock.now(),
          ...(withLink ? { unsubscribeUrl: link } : {}),
        }),
      );
    // The partner texts its customers (its alimtalk/SMS switch on).
    const owner = await t.login("owner@demo.kr");
    await owner
      .put(`/api/partners/${partnerId}`)
      .send({ settings: { notifications: { email: true, alimtalk: true } } })
      .expect(200);
    await expect(queue("링크 없는 광고", false)).rejects.toThrow(/unsubscribe link/);
    expect(await queue("문자 특가")).toBe("sms");
    const [sent] = await t.database.db
      .select({ channel: notifications.channel, to: notifications.to, body: notifications.body })
      .from(notifications)
      .where(and(eq(notifications.template, "promotion"), eq(notifications.channel, "sms")));
    expect(sent).toMatchObject({ channel: "sms", to: texter.phone });
    expect(sent!.body.startsWith("(광고)데모렌탈\n")).toBe(true);
    expect(sent!.body.endsWith(`\n무료수신거부: ${link}`)).toBe(true);
    // The link in the text refuses more, as the e-mail's does.
    await request(t.app).post(new URL(link).pathname).type("form").send("").expect(200);
    const [after] = await t.database.db
      .select({ consentMarketingAt: customers.consentMarketingAt })
      .from(customers)
      .where(eq(customers.id, texter.id));
    expect(after!.consentMarketingAt).toBeNull();
  });

  it("will not queue a marketing e-mail without the customer's unsubscribe link", async () => {
    await expect(
      inTenantTransaction(t.database.db, { kind: "partner", partnerId }, (tx) =>
        enqueueForCustomer(tx, {
          partnerId,
          recipient: { email: "someone@example.kr", consentMarketingAt: "2026-01-01T00:00:00.000Z" },
          template: "promotion",
          vars: { customer: "고객", title: "할인", text: "할인" },
        }),
      ),
    ).rejects.toThrow(/unsubscribe link/);
  });
});
