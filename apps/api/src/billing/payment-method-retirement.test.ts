import { sql } from "drizzle-orm";
import { delay, HttpResponse, http } from "msw";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  KAKAOPAY_BASE as BASE,
  KAKAOPAY_CID as CID,
  mockKakaoPayApi,
  KAKAOPAY_SECRET as SECRET,
  sidInactivated,
  sidStatus,
} from "../../test/support/kakaopay-api.js";
import { startTestApp, type TestApp } from "../../test/test-app.js";
import { KakaoPayGateway } from "../adapters/payments/kakaopay-gateway.js";
import { rowsOf } from "../db/client.js";
import { inTenantTransaction } from "../db/tenant.js";
import { runBilling } from "./billing-run.js";
import {
  deactivatePendingMethods,
  GATEWAY_NOT_CONFIGURED,
  retirePaymentMethods,
} from "./payment-method-retirement.js";
import { seedActiveContracts } from "./seed-active-contracts.js";

const INACTIVE = "/online/v1/payment/manage/subscription/inactive";
const STATUS = "/online/v1/payment/manage/subscription/status";
const NOW = new Date("2026-11-23T09:30:00+09:00");
const { server, record, calls } = mockKakaoPayApi();
const kakao = new KakaoPayGateway({ secretKey: SECRET, cid: CID, timeoutMs: 500 });

let t: TestApp;
let planVersionId: number;
beforeAll(async () => {
  t = await startTestApp({ today: "2026-11-23", adapters: { paymentGateway: kakao } });
  [{ id: planVersionId }] = rowsOf<{ id: number }>(
    await t.database.db.execute(
      sql`select current_version_id as id from plans where partner_id = 1 order by id limit 1`,
    ),
  ) as [{ id: number }];
}, 60_000);
afterEach(async () => {
  // Each test starts with nothing left to deactivate.
  await t.database.db.execute(
    sql`update payment_methods set status = 'inactive' where status = 'deactivating'`,
  );
});
afterAll(async () => {
  await t?.close();
});

interface Method {
  contractId: number;
  methodId: number;
  sid: string;
}

/** An active contract whose auto-pay is a KakaoPay SID (or another gateway's token). */
async function contractPayingWith(
  gateway: "kakaopay" | "sandbox" | "toss",
  partnerId = 1,
  schedule = { activatedOn: "2026-10-05", billingDay: 5 },
): Promise<Method> {
  const { firstContractId: contractId } = await seedActiveContracts(t.database.db, {
    partnerId,
    planVersionId,
    count: 1,
    ...schedule,
  });
  const sid = `S${String(contractId).padStart(19, "0")}`;
  const token = gateway === "kakaopay" ? `ssp-${partnerId}-${contractId}|${sid}` : `tok_${contractId}`;
  const [row] = rowsOf<{ id: number }>(
    await t.database.db.execute(
      sql`update payment_methods set gateway = ${gateway}, token = ${token} where contract_id = ${contractId} returning id`,
    ),
  );
  return { contractId, methodId: row!.id, sid };
}

async function methodRow(methodId: number) {
  const [row] = rowsOf<{ status: string; deactivated_at: Date | string | null; last_error: string | null }>(
    await t.database.db.execute(
      sql`select status, deactivated_at, last_error from payment_methods where id = ${methodId}`,
    ),
  );
  return row!;
}

/** As the contract-ending use cases do: inside the partner's request transaction. */
function retireInTenantTransaction(method: Method, partnerId = 1) {
  return inTenantTransaction(t.database.db, { kind: "partner", partnerId }, (tx) =>
    retirePaymentMethods(tx, method.contractId),
  );
}

const runJob = (batch?: number) =>
  deactivatePendingMethods({ db: t.database.db, gateway: kakao, now: NOW, batch });

function kakaoInactivates(options: { delayMs?: number } = {}) {
  server.use(
    http.post(`${BASE}${INACTIVE}`, async ({ request }) => {
      await record(request);
      if (options.delayMs) await delay(options.delayMs);
      const { sid } = (await request.json()) as { sid: string };
      return HttpResponse.json(sidInactivated(sid));
    }),
  );
}

describe("retirePaymentMethods", () => {
  it("leaves the method active when the transaction that retired it rolls back", async () => {
    const method = await contractPayingWith("kakaopay");
    await expect(
      inTenantTransaction(t.database.db, { kind: "partner", partnerId: 1 }, async (tx) => {
        expect(await retirePaymentMethods(tx, method.contractId)).toBe(1);
        throw new Error("the contract could not end");
      }),
    ).rejects.toThrow(/could not end/);
    expect((await methodRow(method.methodId)).status).toBe("active");

    kakaoInactivates();
    expect(await runJob()).toEqual({ deactivated: 0, failed: 0 });
    expect(calls(INACTIVE)).toHaveLength(0);
  });

  it("marks only the contract's active methods deactivating, so no charge picks them any more", async () => {
    const method = await contractPayingWith("kakaopay");
    await t.database.db.execute(sql`
      insert into payment_methods (partner_id, customer_id, contract_id, gateway, token, display, status)
      select partner_id, customer_id, contract_id, gateway, token || '-old', display, 'inactive'
      from payment_methods where id = ${method.methodId}`);
    expect(await retireInTenantTransaction(method)).toBe(1);
    const statuses = rowsOf<{ status: string }>(
      await t.database.db.execute(
        sql`select status from payment_methods where contract_id = ${method.contractId} order by id`,
      ),
    );
    expect(statuses.map((s) => s.status)).toEqual(["deactivating", "inactive"]);
  });

  it("keeps a deactivating method out of the billing run's collection", async () => {
    const method = await contractPayingWith("kakaopay", 1, { activatedOn: "2026-11-20", billingDay: 20 });
    await retireInTenantTransaction(method);
    await runBilling({
      database: t.database,
      gateway: kakao,
      date: "2026-11-20",
      now: () => NOW,
      trigger: "cli",
      partnerId: 1,
    });
    const attempts = rowsOf<{ status: string; failure_code: string | null }>(
      await t.database.db.execute(sql`
        select p.status, p.failure_code from payments p join invoices i on i.id = p.invoice_id
        where i.contract_id = ${method.contractId}`),
    );
    expect(attempts).toEqual([{ status: "failed", failure_code: "no_payment_method" }]);
    expect(calls("/online/v1/payment/subscription")).toHaveLength(0);
  });
});

describe("deactivatePendingMethods", () => {
  it("after commit calls KakaoPay's inactive endpoint once and marks the method inactive", async () => {
    const method = await contractPayingWith("kakaopay");
    expect(await retireInTenantTransaction(method)).toBe(1);
    kakaoInactivates();

    expect(await runJob()).toEqual({ deactivated: 1, failed: 0 });
    expect(calls(INACTIVE).map((c) => c.body)).toEqual([{ cid: CID, sid: method.sid }]);
    const row = await methodRow(method.methodId);
    expect(row.status).toBe("inactive");
    expect(new Date(row.deactivated_at!).toISOString()).toBe(NOW.toISOString());
    expect(row.last_error).toBeNull();

    expect(await runJob()).toEqual({ deactivated: 0, failed: 0 });
    expect(calls(INACTIVE)).toHaveLength(1);
  });

  it("leaves a method for the next round after a retryable failure, trying it once per round", async () => {
    const method = await contractPayingWith("kakaopay");
    await retireInTenantTransaction(method);
    server.use(
      http.post(`${BASE}${INACTIVE}`, async ({ request }) => {
        await record(request);
        return HttpResponse.json({ error_code: -1, error_message: "internal error" }, { status: 500 });
      }),
    );
    expect(await runJob()).toEqual({ deactivated: 0, failed: 1 });
    expect(calls(INACTIVE)).toHaveLength(1);
    expect(await methodRow(method.methodId)).toMatchObject({
      status: "deactivating",
      last_error: "HTTP_500",
    });

    kakaoInactivates();
    expect(await runJob()).toEqual({ deactivated: 1, failed: 0 });
    expect(await methodRow(method.methodId)).toMatchObject({ status: "inactive", last_error: null });
  });

  it("marks a method KakaoPay refuses to stop deactivation_failed with the error code, for staff to see", async () => {
    const method = await contractPayingWith("kakaopay");
    await retireInTenantTransaction(method);
    server.use(
      http.post(`${BASE}${INACTIVE}`, () =>
        HttpResponse.json({ error_code: -401, error_message: "invalid cid", extras: null }, { status: 401 }),
      ),
      http.post(`${BASE}${STATUS}`, () => HttpResponse.json(sidStatus("ACTIVE", null, method.sid))),
    );
    expect(await runJob()).toEqual({ deactivated: 0, failed: 1 });
    expect(await methodRow(method.methodId)).toMatchObject({
      status: "deactivation_failed",
      last_error: "-401",
    });

    const finance = await t.login("finance@demo.kr");
    const listed = await finance
      .get("/api/payment-methods")
      .query({ filter: JSON.stringify({ status: "deactivation_failed" }) })
      .expect(200);
    expect(listed.body).toEqual([
      expect.objectContaining({ id: method.methodId, status: "deactivation_failed", lastError: "-401" }),
    ]);
    expect(listed.body[0]).not.toHaveProperty("token");
  });

  it("two runs at the same time call the gateway once per method", async () => {
    const methods = [
      await contractPayingWith("kakaopay"),
      await contractPayingWith("kakaopay"),
      await contractPayingWith("kakaopay"),
    ];
    for (const m of methods) await retireInTenantTransaction(m);
    kakaoInactivates({ delayMs: 100 });

    const [a, b] = await Promise.all([runJob(1), runJob(1)]);
    expect(a.deactivated + b.deactivated).toBe(3);
    expect(a.failed + b.failed).toBe(0);
    expect(
      calls(INACTIVE)
        .map((c) => c.body.sid)
        .sort(),
    ).toEqual(methods.map((m) => m.sid).sort());
    for (const m of methods) expect((await methodRow(m.methodId)).status).toBe("inactive");
  });

  it("retires sandbox methods without a call, and leaves another real gateway's for when it is configured", async () => {
    const sandbox = await contractPayingWith("sandbox");
    const toss = await contractPayingWith("toss");
    await retireInTenantTransaction(sandbox);
    await retireInTenantTransaction(toss);

    expect(await runJob()).toEqual({ deactivated: 1, failed: 1 });
    expect(await methodRow(sandbox.methodId)).toMatchObject({ status: "inactive", last_error: null });
    expect(await methodRow(toss.methodId)).toMatchObject({
      status: "deactivating",
      last_error: GATEWAY_NOT_CONFIGURED,
    });
  });
});

describe("POST /api/billing/payment-method-deactivations", () => {
  it("lets finance run the job for its own partner only, and not CS", async () => {
    const ours = await contractPayingWith("kakaopay", 1);
    const theirs = await contractPayingWith("kakaopay", 2);
    await retireInTenantTransaction(ours, 1);
    await retireInTenantTransaction(theirs, 2);
    kakaoInactivates();

    const cs = await t.login("cs@demo.kr");
    await cs.post("/api/billing/payment-method-deactivations").expect(403);
    expect(calls(INACTIVE)).toHaveLength(0);

    const finance = await t.login("finance@demo.kr");
    const res = await finance.post("/api/billing/payment-method-deactivations").expect(200);
    expect(res.body).toEqual({ deactivated: 1, failed: 0 });
    expect(calls(INACTIVE).map((c) => c.body.sid)).toEqual([ours.sid]);
    expect((await methodRow(theirs.methodId)).status).toBe("deactivating");
  });
});
