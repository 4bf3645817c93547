/**
 * `pnpm bench outbox [--messages=100000] [--rate=2500] [--keep]`: the outbox on real PostgreSQL
 * delivering through the Solapi adapter to a vendor mocked with msw at the HTTP boundary.
 * A producer queues customer messages (alimtalk, the partner's approved template) at `--rate`
 * per second in its own transactions, as business changes would; two deliverers share the work
 * (SKIP LOCKED) as two instances would. The mocked vendor answers 3104 (not a KakaoTalk user) for
 * 5 % of the alimtalk messages, which then go out as SMS. Queue latency: from the row's creation
 * to the vendor receiving it. Targets: ≥ 2,000 messages/s handed to the vendor, p95 queue
 * latency ≤ 2 s at that rate, peak RSS ≤ 300 MB.
 */
import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { SolapiClient } from "../src/adapters/solapi/solapi.js";
import { openDatabase, rowsOf } from "../src/db/client.js";
import { partners } from "../src/db/schema/index.js";
import { inTenantTransaction } from "../src/db/tenant.js";
import { deliverDue, enqueueForCustomers } from "../src/notifications/outbox.js";
import { SecretBox } from "../src/security/secret-box.js";
import { seedDemo } from "../src/seed/demo-seed.js";
import { databaseUrls, dropDatabase, parseFlags, percentile, recreateDatabase, round1 } from "./lib.js";

const DB = "ssp_bench_outbox";

export async function main(args: string[]): Promise<void> {
  const flags = parseFlags(args);
  const value = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
  const total = Number(value("messages") ?? 100_000);
  const rate = Number(value("rate") ?? 2_500);
  const { adminUrl, benchUrl } = databaseUrls(DB);
  await recreateDatabase(adminUrl, DB);
  const database = await openDatabase({ databaseUrl: benchUrl, poolSize: 8 });
  await database.migrate();
  const db = database.db;
  await seedDemo(db, { today: "2026-11-23", customersPerPartner: 10 });
  const box = new SecretBox([randomBytes(32)]);
  const [demo] = await db.select().from(partners).where(eq(partners.slug, "demo"));
  const partnerId = demo!.id;
  await db
    .update(partners)
    .set({
      settings: {
        ...(demo!.settings as object),
        notifications: { email: true, alimtalk: true },
        messaging: {
          apiKey: "NCSBENCHKEY",
          apiSecret: box.seal("BENCH-SECRET"),
          pfId: "KA01PF-BENCH",
          senderPhone: "02-1234-5678",
          templates: {
            payment_succeeded: {
              code: "KA01TP-PAID",
              approved: true,
              text: "#{customer} 고객님, 청구서 #{number}의 #{amount}원이 결제되었습니다.",
            },
          },
        },
      },
    })
    .where(eq(partners.id, partnerId));

  // The vendor: accepts every message, except 5 % of alimtalk (3104: not a KakaoTalk user).
  const received = new Map<number, number>();
  let requests = 0;
  let handed = 0;
  let smsFallbacks = 0;
  const server = setupServer(
    http.post("https://api.solapi.com/messages/v4/send-many/detail", async ({ request }) => {
      const body = (await request.json()) as {
        messages: { type: string; customFields: { ref: string } }[];
      };
      const at = Date.now();
      requests++;
      const list = body.messages.map((m) => {
        const ref = Number(m.customFields.ref);
        if (!received.has(ref)) received.set(ref, at);
        handed++;
        if (m.type !== "ATA") smsFallbacks++;
        const fail = m.type === "ATA" && ref % 20 === 0;
        return {
          messageId: `M${ref}${m.type}`,
          statusCode: fail ? "3104" : "2000",
          statusMessage: fail ? "카카오톡 미사용자" : "정상 접수",
          customFields: m.customFields,
        };
      });
      return HttpResponse.json({
        groupInfo: { groupId: `G${requests}` },
        messageList: list.filter((m) => m.statusCode === "2000"),
        failedMessageList: list.filter((m) => m.statusCode !== "2000"),
      });
    }),
  );
  server.listen({ onUnhandledRequest: "bypass" });

  let peakRss = 0;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);

  const started = Date.now();
  let queued = 0;
  let producing = true;
  const tickMs = 250;
  const perTick = Math.max(1, Math.round((rate * tickMs) / 1000));
  const producer = (async () => {
    let tick = 0;
    while (queued < total) {
      const n = Math.min(perTick, total - queued);
      await inTenantTransaction(db, { kind: "partner", partnerId }, (tx) =>
        enqueueForCustomers(
          tx,
          Array.from({ length: n }, (_, i) => ({
            partnerId,
            recipient: { phone: `010-${String(5000 + ((queued + i) % 5000)).padStart(4, "0")}-1234` },
            template: "payment_succeeded" as const,
            entity: "invoices",
            entityId: queued + i + 1,
            vars: { customer: "홍길동", number: `INV-2026-11-${queued + i + 1}`, amount: "29,900" },
          })),
        ),
      );
      queued += n;
      tick++;
      const wait = started + tick * tickMs - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    producing = false;
  })();

  const deps = { db, mailer: null, texts: new SolapiClient(), secretBox: box, now: () => new Date() };
  const deliverer = async () => {
    for (;;) {
      const claimed = await deliverDue(deps, 1_000);
      if (claimed === 0) {
        if (!producing) {
          const [left] = rowsOf<{ n: number }>(
            await db.execute(sql`select count(*)::int as n from notifications where status = 'pending'`),
          );
          if (Number(left?.n) === 0) return;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  };
  await Promise.all([producer, deliverer(), deliverer()]);
  const elapsedMs = Date.now() - started;
  clearInterval(sampler);
  server.close();

  const created = rowsOf<{ id: number; ms: number; status: string; delivered_as: string | null }>(
    await db.execute(
      sql`select id, (extract(epoch from created_at) * 1000)::float8 as ms, status, delivered_as from notifications`,
    ),
  );
  const latencies = new Float64Array(created.length);
  created.forEach((r, i) => {
    latencies[i] = (received.get(Number(r.id)) ?? Number.NaN) - Number(r.ms);
  });
  latencies.sort();
  const sent = created.filter((r) => r.status === "sent").length;
  const viaSms = created.filter((r) => r.delivered_as === "sms" || r.delivered_as === "lms").length;
  console.log(
    `outbox: ${created.length} queued at ${rate}/s, ${sent} sent (${viaSms} by SMS after alimtalk failed), ` +
      `${handed} hand-offs in ${requests} vendor requests (${smsFallbacks} SMS), ${round1(elapsedMs / 1000)} s`,
  );
  await database.close();
  if (!flags.keep) await dropDatabase(adminUrl, DB);
  console.log(
    JSON.stringify({
      bench: "outbox",
      messages: created.length,
      perSecond: Math.round((created.length / elapsedMs) * 1000),
      p95QueueMs: Math.round(percentile(latencies, 95)),
      peakRssMb: Math.round(peakRss / 1024 / 1024),
    }),
  );
}
