import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { delay, HttpResponse, http } from "msw";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  KAKAOPAY_BASE as BASE,
  KAKAOPAY_CID as CID,
  kakaoOrder,
  mockKakaoPayApi,
  KAKAOPAY_SECRET as SECRET,
  sidStatus,
  subscriptionPaid,
  TID,
  KAKAOPAY_TOKEN as TOKEN,
} from "../../../test/support/kakaopay-api.js";
import { openTestDatabase, TEST_DATABASE_URL } from "../../../test/test-app.js";
import { type Database, rowsOf } from "../../db/client.js";
import { FileKakaoPayLedger } from "./file-kakaopay-ledger.js";
import { KakaoPayGateway, type KakaoPayLedger } from "./kakaopay-gateway.js";
import { GatewayTimeoutError } from "./payment-gateway.js";
import { PostgresKakaoPayLedger } from "./postgres-kakaopay-ledger.js";

const { server, record, calls } = mockKakaoPayApi();
const SUBSCRIPTION = "/online/v1/payment/subscription";
const chargeInput = {
  token: TOKEN,
  orderId: "INV-2024-05-0001",
  orderName: "CHP-7210N 정수기 5월 렌탈료",
  amount: 33000,
  taxFreeAmount: 3000,
  idempotencyKey: "inv-41-a1",
};

let clock = new Date("2024-05-01T01:00:00Z"); // 10:00 KST
afterEach(() => {
  clock = new Date("2024-05-01T01:00:00Z");
});

/** One process's gateway; a "restart" is a new gateway over a new ledger object on the same storage. */
function gatewayOver(ledger: KakaoPayLedger, options: { lateAnswerMs?: number; timeoutMs?: number } = {}) {
  return new KakaoPayGateway({
    secretKey: SECRET,
    cid: CID,
    timeoutMs: options.timeoutMs ?? 50,
    recoveryWaitMs: 50,
    lateAnswerMs: 100,
    settleMs: 10 * 60_000,
    ledger,
    now: () => clock,
    ...options,
  });
}

/** KakaoPay never answers the charge (the process then dies with the request in flight). */
function chargeNeverAnswers() {
  server.use(
    http.post(`${BASE}${SUBSCRIPTION}`, async ({ request }) => {
      await record(request);
      await delay(1_000);
      return HttpResponse.json(subscriptionPaid());
    }),
  );
}

/** The charge answers, but only after the first process gave up waiting. */
function chargeAnswersLate() {
  server.use(
    http.post(`${BASE}${SUBSCRIPTION}`, async ({ request }) => {
      await record(request);
      await delay(150);
      return HttpResponse.json(subscriptionPaid());
    }),
  );
}

/** The restart scenario every durable ledger must pass. */
function holdsTheDoubtAcrossARestart(storage: {
  ledger(): KakaoPayLedger;
  pendingOrders(): Promise<{ orderId: string; tid: string | null; confirmed: boolean }[]>;
}) {
  it("a charge that times out leaves the order in doubt, and a restarted gateway does not charge it again until the SID shows it unpaid", async () => {
    chargeNeverAnswers();
    await expect(gatewayOver(storage.ledger()).charge(chargeInput)).rejects.toBeInstanceOf(
      GatewayTimeoutError,
    );
    expect(await storage.pendingOrders()).toEqual([
      { orderId: chargeInput.orderId, tid: null, confirmed: false },
    ]);

    // Restart: a new gateway and ledger object. Too soon to know: no second charge.
    server.use(
      http.post(`${BASE}/online/v1/payment/manage/subscription/status`, async ({ request }) => {
        await record(request);
        return HttpResponse.json(sidStatus("ACTIVE", "2024-04-01T10:00:01"));
      }),
    );
    const restarted = gatewayOver(storage.ledger());
    await expect(restarted.charge({ ...chargeInput, idempotencyKey: "inv-41-a2" })).rejects.toBeInstanceOf(
      GatewayTimeoutError,
    );
    expect(calls(SUBSCRIPTION)).toHaveLength(1);

    // A day later the SID shows no approval since the attempt began: it was not paid.
    clock = new Date("2024-05-02T01:00:00Z");
    server.use(
      http.post(`${BASE}${SUBSCRIPTION}`, async ({ request }) => {
        await record(request);
        return HttpResponse.json(subscriptionPaid("inv-41-a3"));
      }),
    );
    // This charge is answered: a 50 ms bound could pass on a busy CI machine and put it in doubt.
    const result = await gatewayOver(storage.ledger(), { timeoutMs: 2_000 }).charge({
      ...chargeInput,
      idempotencyKey: "inv-41-a3",
    });
    expect(result).toEqual({ status: "succeeded", gatewayRef: TID });
    expect(calls(SUBSCRIPTION).map((c) => c.body.partner_order_id)).toEqual(["inv-41-a1", "inv-41-a3"]);
    // Confirmed, and kept a while in case the transaction that records the payment rolls back.
    expect(await storage.pendingOrders()).toEqual([
      { orderId: chargeInput.orderId, tid: TID, confirmed: true },
    ]);
  });

  it("a late answer's tid is kept, and a restarted gateway settles by the order status without charging", async () => {
    chargeAnswersLate();
    await expect(
      gatewayOver(storage.ledger(), { lateAnswerMs: 1_000 }).charge(chargeInput),
    ).rejects.toBeInstanceOf(GatewayTimeoutError);
    await delay(150); // the late answer lands and records the tid
    expect(await storage.pendingOrders()).toEqual([
      { orderId: chargeInput.orderId, tid: TID, confirmed: false },
    ]);

    // Restart. KakaoPay's order lookup is down: still in doubt, still no charge.
    server.use(
      http.post(`${BASE}/online/v1/payment/order`, async ({ request }) => {
        await record(request);
        return new HttpResponse("unavailable", { status: 503 });
      }),
    );
    const restarted = gatewayOver(storage.ledger());
    await expect(restarted.charge({ ...chargeInput, idempotencyKey: "inv-41-a2" })).rejects.toBeInstanceOf(
      GatewayTimeoutError,
    );
    expect(await storage.pendingOrders()).toHaveLength(1);

    server.use(
      http.post(`${BASE}/online/v1/payment/order`, async ({ request }) => {
        await record(request);
        return HttpResponse.json(kakaoOrder("SUCCESS_PAYMENT"));
      }),
    );
    const result = await restarted.charge({ ...chargeInput, idempotencyKey: "inv-41-a3" });
    expect(result).toEqual({ status: "succeeded", gatewayRef: TID });
    expect(calls(SUBSCRIPTION)).toHaveLength(1);
    expect(calls("/online/v1/payment/order").at(-1)!.body).toEqual({ cid: CID, tid: TID });
    expect(await storage.pendingOrders()).toEqual([
      { orderId: chargeInput.orderId, tid: TID, confirmed: true },
    ]);

    // The transaction that was to record the payment rolled back, and the process restarted: the
    // same order comes again and is answered from the confirmation, with no call to KakaoPay.
    const before = calls(SUBSCRIPTION).length + calls("/online/v1/payment/order").length;
    const replay = await gatewayOver(storage.ledger()).charge({
      ...chargeInput,
      idempotencyKey: "inv-41-a3",
    });
    expect(replay).toEqual({ status: "succeeded", gatewayRef: TID });
    expect(calls(SUBSCRIPTION).length + calls("/online/v1/payment/order").length).toBe(before);
  });
}

describe("PostgresKakaoPayLedger", () => {
  let database: Database;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ database, close } = await openTestDatabase());
  });
  afterEach(async () => {
    await database.db.execute(sql`delete from kakaopay_pending_charges`);
  });
  afterAll(async () => {
    await close();
  });

  holdsTheDoubtAcrossARestart({
    ledger: () => new PostgresKakaoPayLedger(database.db),
    pendingOrders: async () =>
      rowsOf<{ orderId: string; tid: string | null; confirmed: boolean }>(
        await database.db.execute(
          sql`select order_id as "orderId", tid, confirmed_at is not null as confirmed from kakaopay_pending_charges order by order_id`,
        ),
      ),
  });

  it.runIf(TEST_DATABASE_URL)(
    "keeps the record of a charge request when the business transaction that asked for it rolls back",
    async () => {
      chargeNeverAnswers();
      const gateway = gatewayOver(new PostgresKakaoPayLedger(database.db));
      await expect(
        database.db.transaction(async (tx) => {
          await tx.execute(sql`select 1`);
          await gateway.charge(chargeInput);
        }),
      ).rejects.toBeInstanceOf(GatewayTimeoutError);
      const [row] = rowsOf<{ partner_order_id: string; amount: number; sid: string }>(
        await database.db.execute(sql`select partner_order_id, amount, sid from kakaopay_pending_charges`),
      );
      expect(row).toEqual({ partner_order_id: "inv-41-a1", amount: 33000, sid: expect.any(String) });
    },
  );
});

describe("FileKakaoPayLedger", () => {
  let dir: string;
  let path: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "ssp-kakaopay-ledger-"));
    path = join(dir, "kakaopay-pending-charges.json");
  });
  afterEach(async () => {
    await rm(path, { force: true });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  holdsTheDoubtAcrossARestart({
    ledger: () => new FileKakaoPayLedger(path),
    pendingOrders: async () => {
      const file = JSON.parse(await readFile(path, "utf8")) as {
        entries: { orderId: string; tid?: string; confirmedAt?: string }[];
      };
      return file.entries.map((e) => ({
        orderId: e.orderId,
        tid: e.tid ?? null,
        confirmed: !!e.confirmedAt,
      }));
    },
  });

  it("leaves no temporary file behind after a write", async () => {
    const ledger = new FileKakaoPayLedger(path);
    await Promise.all(
      ["A", "B", "C"].map((orderId) =>
        ledger.put({
          orderId,
          partnerOrderId: `${orderId}-a1`,
          partnerUserId: "ssp-1-7",
          sid: "S1",
          amount: 1000,
          startedAt: "2024-05-01T01:00:00.000Z",
        }),
      ),
    );
    await ledger.delete("B");
    expect(await readdir(dir)).toEqual(["kakaopay-pending-charges.json"]);
    const again = new FileKakaoPayLedger(path);
    expect((await again.get("A"))?.partnerOrderId).toBe("A-a1");
    expect(await again.get("B")).toBeUndefined();
    expect((await again.get("C"))?.amount).toBe(1000);
  });

  it("refuses to charge when the ledger file is damaged, instead of forgetting a doubt", async () => {
    await writeFile(path, '{"entries": [{"orderId": ');
    await expect(gatewayOver(new FileKakaoPayLedger(path)).charge(chargeInput)).rejects.toThrow(/damaged/);
    expect(calls(SUBSCRIPTION)).toHaveLength(0);
  });
});
