import { TZDate } from "@date-fns/tz";
import { addDays, set } from "date-fns";
import { eq, inArray, sql } from "drizzle-orm";
import {
  SOLAPI_BATCH,
  type TextMessage,
  type TextResult,
  type TextSender,
  textKindFor,
} from "../adapters/solapi/solapi.js";
import { SEOUL } from "../clock.js";
import { type Db, rowsOf } from "../db/client.js";
import { notificationAttempts, notifications, partners } from "../db/schema/index.js";
import { processLogger } from "../observability/logger.js";
import { openSecret } from "../partners/partner-secrets.js";
import { type PartnerSettings, settingsWithDefaults } from "../partners/partner-settings.js";
import type { SecretBox } from "../security/secret-box.js";
import type { Mailer } from "./mailer.js";
import { MARKETING_TEMPLATES, renderHtml, renderTemplate, type TemplateName } from "./templates.js";

export const MAX_ATTEMPTS = 5;
/** The first retry waits this long; each next one twice as long (30 s, 1 min, 2 min, 4 min). */
export const BACKOFF_BASE_MS = 30_000;
/** A claimed message is not claimed again for this long (a crashed deliverer's are picked up after). */
export const CLAIM_LEASE_MS = 5 * 60_000;

export type Channel = "email" | "alimtalk" | "sms";

export interface OutboxMessage {
  partnerId: number;
  to: string;
  template: TemplateName;
  vars: Record<string, string>;
  entity?: string;
  entityId?: number;
}

/** A customer's ways of being reached (SPEC §3 Notifications). */
export interface Recipient {
  email?: string | null;
  phone?: string | null;
  /** "alimtalk" | "email" | null (the partner's default order: KakaoTalk first). */
  preferredChannel?: string | null;
  /** Marketing consent (a timestamp when given). */
  consentMarketingAt?: Date | string | null;
}

export interface CustomerMessage {
  partnerId: number;
  recipient: Recipient;
  template: TemplateName;
  vars: Record<string, string>;
  entity?: string;
  entityId?: number;
  /** The time of the enqueue (marketing is held until 08:00 Seoul when queued at night). */
  now?: Date;
  /**
   * The customer's unsubscribe link (notifications/unsubscribe.ts): required for marketing,
   * which carries it in the e-mail's text and its List-Unsubscribe header.
   */
  unsubscribeUrl?: string;
}

/** A Korean mobile number (010, 011, 016–019): what SMS and alimtalk can reach. */
export function isKoreanMobile(phone: string | null | undefined): phone is string {
  return !!phone && /^01[016789]-?\d{3,4}-?\d{4}$/.test(phone.trim());
}

/**
 * The channel a customer message goes by: the customer's preference first, then KakaoTalk
 * (alimtalk, which falls back to SMS/LMS at delivery) before e-mail; only channels the partner
 * switched on and the customer has. null: the customer cannot be reached.
 */
export function chooseChannel(
  recipient: Recipient,
  switches: { email: boolean; alimtalk: boolean },
): "email" | "alimtalk" | null {
  const canText = switches.alimtalk && isKoreanMobile(recipient.phone);
  const canMail = switches.email && !!recipient.email;
  const order: ("email" | "alimtalk")[] =
    recipient.preferredChannel === "email" ? ["email", "alimtalk"] : ["alimtalk", "email"];
  return order.find((c) => (c === "email" ? canMail : canText)) ?? null;
}

/** Advertising is not sent between 21:00 and 08:00 Seoul; the next allowed instant from `at`. */
export function marketingAllowedFrom(at: Date): Date {
  const seoul = new TZDate(at, SEOUL);
  const hour = seoul.getHours();
  if (hour >= 8 && hour < 21) return at;
  const day = hour >= 21 ? addDays(seoul, 1) : seoul;
  return new Date(set(day, { hours: 8, minutes: 0, seconds: 0, milliseconds: 0 }).getTime());
}

interface PartnerInfo {
  name: string;
  settings: PartnerSettings;
}

async function partnerInfo(tx: Db, partnerIds: number[]): Promise<Map<number, PartnerInfo>> {
  const ids = [...new Set(partnerIds)];
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select({ id: partners.id, name: partners.name, settings: partners.settings })
    .from(partners)
    .where(inArray(partners.id, ids));
  return new Map(rows.map((r) => [r.id, { name: r.name, settings: settingsWithDefaults(r.settings) }]));
}

interface Queued {
  partnerId: number;
  channel: Channel;
  to: string;
  template: TemplateName;
  vars: Record<string, string>;
  entity?: string;
  entityId?: number;
  nextAttemptAt?: Date;
  unsubscribeUrl?: string;
}

/**
 * Rows per INSERT: a statement binds at most 65,535 parameters, about 15 per message (a day's
 * visit reminders over 1,000,000 contracts, ~7,000 messages, went past it in one statement).
 */
const ENQUEUE_BATCH_ROWS = 1_000;

/**
 * Renders and queues messages in statements of ENQUEUE_BATCH_ROWS, in the caller's transaction:
 * they exist only if the business change commits. Every message is signed with the partner's
 * name (never the platform's); e-mail gets an HTML part too.
 */
async function enqueue(tx: Db, messages: readonly Queued[]): Promise<void> {
  if (messages.length === 0) return;
  const info = await partnerInfo(
    tx,
    messages.map((m) => m.partnerId),
  );
  for (let from = 0; from < messages.length; from += ENQUEUE_BATCH_ROWS)
    await insertQueued(tx, info, messages.slice(from, from + ENQUEUE_BATCH_ROWS));
}

async function insertQueued(
  tx: Db,
  info: Awaited<ReturnType<typeof partnerInfo>>,
  messages: readonly Queued[],
): Promise<void> {
  await tx.insert(notifications).values(
    messages.map((m) => {
      const partner = info.get(m.partnerId)?.name ?? m.vars.partner ?? "";
      const vars = { ...m.vars, partner };
      const template = renderTemplate(m.template, vars);
      const marketing = MARKETING_TEMPLATES.has(m.template);
      const unsubscribeUrl = marketing ? m.unsubscribeUrl : undefined;
      const rendered = !unsubscribeUrl
        ? template
        : m.channel === "email"
          ? { ...template, body: `${template.body}\n\n수신거부: ${unsubscribeUrl}` }
          : { ...template, body: advertisingText(partner, template.body, unsubscribeUrl) };
      return {
        partnerId: m.partnerId,
        channel: m.channel,
        to: m.to,
        template: m.template,
        ...rendered,
        html: m.channel === "email" ? renderHtml({ partner, ...template, unsubscribeUrl }) : null,
        vars,
        marketing,
        unsubscribeUrl: unsubscribeUrl ?? null,
        ...(m.nextAttemptAt ? { nextAttemptAt: m.nextAttemptAt } : {}),
        entity: m.entity ?? null,
        entityId: m.entityId ?? null,
      };
    }),
  );
}

/**
 * An advertising text message as 정보통신망법 §50 asks: "(광고)" and the sender first, and a free
 * way to refuse more at the end (the customer's own unsubscribe link).
 */
export function advertisingText(partner: string, body: string, unsubscribeUrl: string): string {
  return `(광고)${partner}\n${body}\n무료수신거부: ${unsubscribeUrl}`;
}

/** Queues an e-mail in the caller's transaction (to an address given, not a customer's choice). */
export function enqueueEmail(tx: Db, input: OutboxMessage): Promise<void> {
  return enqueue(tx, [{ ...input, channel: "email" }]);
}

/** Many e-mails in one statement. */
export function enqueueEmails(tx: Db, messages: readonly OutboxMessage[]): Promise<void> {
  return enqueue(
    tx,
    messages.map((m) => ({ ...m, channel: "email" as const })),
  );
}

/** Queues an SMS/LMS (verification codes): sent through the partner's Solapi account. */
export function enqueueText(tx: Db, input: OutboxMessage): Promise<void> {
  return enqueue(tx, [{ ...input, channel: "sms" }]);
}

/**
 * Queues messages to customers, each by the channel chosen from the customer's contacts and
 * preference and the partner's switches. Marketing without consent is dropped; marketing queued
 * at night waits until 08:00 Seoul. Answers the channel of each message (null: not queued).
 */
export async function enqueueForCustomers(
  tx: Db,
  messages: readonly CustomerMessage[],
): Promise<(Channel | null)[]> {
  if (messages.length === 0) return [];
  const info = await partnerInfo(
    tx,
    messages.map((m) => m.partnerId),
  );
  const queued: Queued[] = [];
  const channels = messages.map((m) => {
    const partner = info.get(m.partnerId);
    if (!partner) return null;
    const marketing = MARKETING_TEMPLATES.has(m.template);
    if (marketing && !m.recipient.consentMarketingAt) return null;
    const chosen = chooseChannel(m.recipient, partner.settings.notifications);
    if (!chosen) return null;
    // Alimtalk carries information only, never advertising (Kakao's rules): a promotion to a
    // phone goes as a text message (SMS/LMS) instead.
    const channel: Channel = marketing && chosen === "alimtalk" ? "sms" : chosen;
    // 정보통신망법 §50: advertising must let its reader refuse more of it, by e-mail or by text.
    if (marketing && !m.unsubscribeUrl)
      throw new Error(`A marketing message (${m.template}) needs the customer's unsubscribe link`);
    queued.push({
      partnerId: m.partnerId,
      channel,
      to: channel === "email" ? m.recipient.email! : m.recipient.phone!,
      template: m.template,
      vars: m.vars,
      entity: m.entity,
      entityId: m.entityId,
      nextAttemptAt: marketing && m.now ? marketingAllowedFrom(m.now) : undefined,
      unsubscribeUrl: m.unsubscribeUrl,
    });
    return channel;
  });
  await enqueue(tx, queued);
  return channels;
}

export async function enqueueForCustomer(tx: Db, message: CustomerMessage) {
  const [channel] = await enqueueForCustomers(tx, [message]);
  return channel ?? null;
}

export interface OutboxDeps {
  db: Db;
  mailer: Mailer | null;
  /** The SMS/alimtalk vendor; null or absent: text messages stay in the outbox as `stored`. */
  texts?: TextSender | null;
  secretBox: SecretBox;
  now: () => Date;
}

type Row = typeof notifications.$inferSelect;

interface Outcome {
  id: number;
  partnerId: number;
  status: "sent" | "pending" | "failed" | "stored";
  attempts: number;
  nextAttemptAt: Date;
  deliveredAs: string | null;
  lastError: string | null;
  sentAt: Date | null;
}

interface Attempt {
  partnerId: number;
  notificationId: number;
  channel: string;
  outcome: "sent" | "retry" | "failed" | "fallback" | "stored";
  vendorCode: string | null;
  vendorMessage: string | null;
  vendorMessageId: string | null;
  at: Date;
}

export const backoffMs = (attempts: number) => BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1);

/**
 * Claims due messages in a short transaction of its own (their `next_attempt_at` pushed out by
 * a lease, SKIP LOCKED so instances share the work) and commits before anything is sent: no
 * vendor or SMTP call ever runs while a row lock is held. Marketing due at night is deferred.
 */
async function claimDue(db: Db, now: Date, batch: number): Promise<Row[]> {
  const lease = new Date(now.getTime() + CLAIM_LEASE_MS);
  const result = await db.execute(sql`
    update notifications set next_attempt_at = ${lease.toISOString()}::timestamptz
    where id in (
      select id from notifications
      where status = 'pending'
        and (next_attempt_at is null or next_attempt_at <= ${now.toISOString()}::timestamptz)
      order by id
      limit ${batch}
      for update skip locked
    )
    returning id`);
  const ids = rowsOf<{ id: number }>(result).map((r) => Number(r.id));
  if (ids.length === 0) return [];
  return db.select().from(notifications).where(inArray(notifications.id, ids)).orderBy(notifications.id);
}

/** Delivers due messages once; answers how many were claimed. */
export async function deliverDue(deps: OutboxDeps, batch = 200): Promise<number> {
  const now = deps.now();
  const claimed = await claimDue(deps.db, now, batch);
  if (claimed.length === 0) return 0;
  const outcomes: Outcome[] = [];
  const attempts: Attempt[] = [];

  const finish = (
    n: Row,
    result: { kind: "sent" | "retry" | "permanent" | "stored" | "defer"; as?: string; error?: string },
    until?: Date,
  ) => {
    const tries = result.kind === "stored" || result.kind === "defer" ? n.attempts : n.attempts + 1;
    const status =
      result.kind === "sent"
        ? "sent"
        : result.kind === "stored"
          ? "stored"
          : result.kind === "permanent" || tries >= MAX_ATTEMPTS
            ? "failed"
            : "pending";
    outcomes.push({
      id: n.id,
      partnerId: n.partnerId,
      status,
      attempts: tries,
      nextAttemptAt: until ?? new Date(now.getTime() + (status === "pending" ? backoffMs(tries) : 0)),
      deliveredAs: result.as && result.as !== n.channel ? result.as : (n.deliveredAs ?? null),
      lastError: result.error?.slice(0, 500) ?? null,
      sentAt: status === "sent" ? now : null,
    });
  };
  const log = (n: Row, a: Omit<Attempt, "partnerId" | "notificationId" | "at">) =>
    attempts.push({ partnerId: n.partnerId, notificationId: n.id, at: now, ...a });

  const due: Row[] = [];
  for (const n of claimed) {
    if (n.marketing) {
      const from = marketingAllowedFrom(now);
      if (from > now) {
        finish(n, { kind: "defer" }, from);
        continue;
      }
    }
    due.push(n);
  }

  // E-mail, one by one through SMTP.
  for (const n of due.filter((m) => m.channel === "email")) {
    if (!deps.mailer) {
      finish(n, { kind: "stored" });
      continue;
    }
    try {
      await deps.mailer.send({
        to: n.to,
        subject: n.subject,
        text: n.body,
        html: n.html ?? undefined,
        fromName: n.vars?.partner || undefined,
        // RFC 2369 and RFC 8058: mail readers offer their own one-click unsubscribe button.
        ...(n.unsubscribeUrl
          ? {
              headers: {
                "List-Unsubscribe": `<${n.unsubscribeUrl}>`,
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
              },
            }
          : {}),
      });
      log(n, {
        channel: "email",
        outcome: "sent",
        vendorCode: null,
        vendorMessage: null,
        vendorMessageId: null,
      });
      finish(n, { kind: "sent" });
    } catch (error) {
      const message = String((error as Error).message).slice(0, 500);
      const final = n.attempts + 1 >= MAX_ATTEMPTS;
      log(n, {
        channel: "email",
        outcome: final ? "failed" : "retry",
        vendorCode: (error as { responseCode?: number }).responseCode?.toString() ?? null,
        vendorMessage: message,
        vendorMessageId: null,
      });
      finish(n, { kind: "retry", error: message });
    }
  }

  // Alimtalk and SMS/LMS, per partner through its Solapi account, in batches.
  const texts = due.filter((m) => m.channel !== "email");
  const info = await partnerInfo(
    deps.db,
    texts.map((m) => m.partnerId),
  );
  const byPartner = new Map<number, Row[]>();
  for (const m of texts) {
    const list = byPartner.get(m.partnerId);
    if (list) list.push(m);
    else byPartner.set(m.partnerId, [m]);
  }
  for (const [partnerId, rows] of byPartner) {
    const messaging = info.get(partnerId)?.settings.messaging;
    const apiSecret = messaging ? openSecret(deps.secretBox, messaging.apiSecret) : undefined;
    if (!deps.texts || !messaging || !messaging.apiKey || !apiSecret || !messaging.senderPhone) {
      for (const n of rows) finish(n, { kind: "stored" });
      continue;
    }
    const account = { apiKey: messaging.apiKey, apiSecret, from: messaging.senderPhone };
    const asText = (n: Row): TextMessage => {
      const kind = textKindFor(n.body);
      return { ref: String(n.id), to: n.to, kind, text: n.body, subject: n.subject };
    };
    const asAlimtalk = (n: Row): TextMessage | null => {
      const template = messaging.templates[n.template as TemplateName];
      if (!template?.approved || !template.code || !messaging.pfId) return null;
      return {
        ref: String(n.id),
        to: n.to,
        kind: "alimtalk",
        text: n.body,
        alimtalk: { pfId: messaging.pfId, templateId: template.code, variables: n.vars ?? {} },
      };
    };
    const first = rows.map((n) => (n.channel === "alimtalk" ? (asAlimtalk(n) ?? asText(n)) : asText(n)));
    const results = await sendInBatches(deps.texts, account, first);
    const fallback: TextMessage[] = [];
    const rowById = new Map(rows.map((n) => [String(n.id), n]));
    const sentKind = new Map(first.map((m) => [m.ref, m.kind]));
    const settle = (n: Row, kind: string, r: TextResult) => {
      const final = r.outcome === "permanent" || (r.outcome === "retry" && n.attempts + 1 >= MAX_ATTEMPTS);
      log(n, {
        channel: kind,
        outcome: r.outcome === "sent" ? "sent" : final ? "failed" : "retry",
        vendorCode: r.code,
        vendorMessage: r.message,
        vendorMessageId: r.vendorMessageId ?? null,
      });
      finish(n, {
        kind: r.outcome === "sent" ? "sent" : r.outcome === "permanent" ? "permanent" : "retry",
        as: kind,
        error: r.outcome === "sent" ? undefined : `${r.code} ${r.message}`,
      });
    };
    for (const r of results) {
      const n = rowById.get(r.ref)!;
      if (r.outcome === "fallback") {
        log(n, {
          channel: "alimtalk",
          outcome: "fallback",
          vendorCode: r.code,
          vendorMessage: r.message,
          vendorMessageId: r.vendorMessageId ?? null,
        });
        fallback.push(asText(n));
        continue;
      }
      settle(n, sentKind.get(r.ref)!, r);
    }
    if (fallback.length > 0) {
      const kinds = new Map(fallback.map((m) => [m.ref, m.kind]));
      for (const r of await sendInBatches(deps.texts, account, fallback)) {
        // An SMS answer of "fallback" cannot happen; treat anything not sent like SMS would.
        settle(
          rowById.get(r.ref)!,
          kinds.get(r.ref)!,
          r.outcome === "fallback" ? { ...r, outcome: "retry" } : r,
        );
      }
    }
  }

  await record(deps.db, outcomes, attempts);
  return claimed.length;
}

async function sendInBatches(
  sender: TextSender,
  account: { apiKey: string; apiSecret: string; from: string },
  messages: TextMessage[],
): Promise<TextResult[]> {
  const results: TextResult[] = [];
  for (let i = 0; i < messages.length; i += SOLAPI_BATCH)
    results.push(...(await sender.sendMany({ ...account, messages: messages.slice(i, i + SOLAPI_BATCH) })));
  return results;
}

/** Writes every message's outcome and every attempt in two statements. */
async function record(db: Db, outcomes: Outcome[], attempts: Attempt[]): Promise<void> {
  await db.transaction(async (tx) => {
    if (outcomes.length > 0) {
      const json = JSON.stringify(
        outcomes.map((o) => ({
          ...o,
          nextAttemptAt: o.nextAttemptAt.toISOString(),
          sentAt: o.sentAt?.toISOString() ?? null,
        })),
      );
      await tx.execute(sql`
        update notifications n set
          status = v.status,
          attempts = v.attempts,
          next_attempt_at = v."nextAttemptAt",
          delivered_as = v."deliveredAs",
          last_error = coalesce(v."lastError", case when v.status = 'sent' then null else n.last_error end),
          sent_at = coalesce(v."sentAt", n.sent_at)
        from jsonb_to_recordset(${json}::jsonb) as v(
          id int, status text, attempts int, "nextAttemptAt" timestamptz, "deliveredAs" text,
          "lastError" text, "sentAt" timestamptz)
        where n.id = v.id`);
    }
    if (attempts.length > 0) await tx.insert(notificationAttempts).values(attempts);
  });
}

/**
 * A staff member's "resend": a new pending copy of the message (same channel, recipient and
 * text), linked to the original. The customer's link is never shown to staff, only sent again.
 */
export async function resendNotification(tx: Db, id: number, now: Date): Promise<Row | null> {
  const [original] = await tx.select().from(notifications).where(eq(notifications.id, id));
  if (!original) return null;
  const [copy] = await tx
    .insert(notifications)
    .values({
      partnerId: original.partnerId,
      channel: original.channel,
      to: original.to,
      template: original.template,
      subject: original.subject,
      body: original.body,
      html: original.html,
      vars: original.vars,
      marketing: original.marketing,
      unsubscribeUrl: original.unsubscribeUrl,
      nextAttemptAt: original.marketing ? marketingAllowedFrom(now) : null,
      entity: original.entity,
      entityId: original.entityId,
      resendOf: original.id,
    })
    .returning();
  return copy ?? null;
}

/**
 * Runs deliveries one at a time in the background; `kick()` after a commit that queued messages.
 * `idle()` lets tests and shutdown wait for the current round.
 */
export function outboxRunner(input: OutboxDeps) {
  let running: Promise<void> | null = null;
  let again = false;
  const round = async (): Promise<void> => {
    do {
      again = false;
      while ((await deliverDue(input)) > 0) {}
    } while (again);
  };
  return {
    kick(): void {
      if (running) {
        again = true;
        return;
      }
      running = round()
        .catch((error) => processLogger().error({ err: error }, "outbox delivery failed"))
        .finally(() => {
          running = null;
        });
    },
    async idle(): Promise<void> {
      while (running) await running;
    },
  };
}
export type OutboxRunner = ReturnType<typeof outboxRunner>;
