import { taxFreePartOf } from "@ssp/domain";
import { sql } from "drizzle-orm";
import { GatewayTimeoutError, type PaymentGateway } from "../adapters/payments/payment-gateway.js";
import { intList, textList } from "../db/array-params.js";
import { type Db, rowsOf } from "../db/client.js";
import { executePrepared } from "../db/run-statement.js";
import { enqueueForCustomers } from "../notifications/outbox.js";
import { attemptKey, chargeRequest } from "./charge-request.js";

/** An invoice whose first collection attempt is due, with the contract's active auto-pay method. */
export interface FirstAttemptDue {
  id: number;
  partner_id: number;
  contract_id: number;
  period_kind: string;
  period_start: string;
  number: string;
  /** What attempt 1 charges: the total less credit notes (no payment exists before attempt 1). */
  owed: number;
  total: number;
  /** The invoice's tax-free part (penalty, late interest), for the gateway's VAT figures. */
  tax_free: number;
  token: string | null;
  gateway: string | null;
}

/**
 * Makes attempt 1 on each invoice — a charge through the gateway for what is owed, or a settled
 * zero, or a failure when there is no auto-pay method — and records every attempt in the caller's
 * transaction. The unique (invoice, attempt) makes a second charge for the same attempt
 * impossible. Returns the invoices that are now paid and those that are not.
 */
export async function chargeFirstAttempts(input: {
  tx: Db;
  gateway: PaymentGateway;
  now: Date;
  invoices: readonly FirstAttemptDue[];
  /**
   * The invoices were issued by this very transaction: nobody else can see them, so no other
   * attempt can exist and the insert skips the conflict check (half its cost).
   */
  issuedHere?: boolean;
}): Promise<{ paid: number[]; unpaid: number[] }> {
  // A real gateway answers in a fraction of a second: a few calls at once, not one by one.
  const attempts = await mapConcurrently(input.invoices, GATEWAY_CALLS_AT_ONCE, (inv) =>
    attemptOne(input.gateway, inv),
  );
  if (attempts.length > 0) {
    const column = <K extends keyof Attempt>(key: K) => attempts.map((a) => a[key]);
    await executePrepared(
      input.tx,
      sql`
      insert into payments (invoice_id, partner_id, attempt, amount, status, method, idempotency_key, gateway_ref, failure_code, attempted_at)
      select x.i, x.p, 1, x.a, x.s, x.m, x.k, x.r, x.f, ${input.now.toISOString()}::timestamptz
      from unnest(${intList(column("invoiceId"))}::int[], ${intList(column("partnerId"))}::int[],
                  ${intList(column("amount"))}::int[], ${textList(column("status"))}::text[],
                  ${textList(column("method"))}::text[], ${textList(column("key"))}::text[],
                  ${textList(column("ref"))}::text[], ${textList(column("failure"))}::text[])
        as x(i, p, a, s, m, k, r, f)
      ${input.issuedHere ? sql`` : sql`on conflict (invoice_id, attempt) do nothing`}`,
    );
  }
  const paid = attempts.filter((a) => a.status === "succeeded").map((a) => a.invoiceId);
  const unpaid = attempts.filter((a) => a.status !== "succeeded").map((a) => a.invoiceId);
  await noticeDeclines(
    input.tx,
    attempts.filter((a) => a.status === "failed" && !GATEWAY_TROUBLE.has(a.failure!)).map((a) => a.invoiceId),
  );
  return { paid, unpaid };
}

/** Charge calls in flight at once per batch: enough to hide a gateway's latency, few enough for its rate limits. */
const GATEWAY_CALLS_AT_ONCE = 8;

/** Attempt 1 on one invoice, as the payments row it becomes. */
interface Attempt {
  invoiceId: number;
  partnerId: number;
  amount: number;
  /** The attempt's idempotency key (contract, period, attempt). */
  key: string;
  status: "succeeded" | "failed";
  /** The gateway that was asked, or `none` (nothing to charge, no method). */
  method: string;
  ref: string | null;
  failure: string | null;
}

async function attemptOne(gateway: PaymentGateway, inv: FirstAttemptDue): Promise<Attempt> {
  const identity = {
    contractId: inv.contract_id,
    periodKind: inv.period_kind,
    periodStart: inv.period_start,
    number: inv.number,
  };
  if (inv.owed <= 0) return attemptRow(inv, attemptKey(identity, 1), "succeeded", "none", null, null);
  if (!inv.token)
    return attemptRow(inv, attemptKey(identity, 1), "failed", "none", null, "no_payment_method");
  const method = inv.gateway ?? gateway.name;
  const request = chargeRequest({
    invoice: identity,
    attempt: 1,
    amount: inv.owed,
    taxFree: taxFreePartOf({ amount: inv.owed, total: inv.total, taxFree: inv.tax_free }),
    token: inv.token,
  });
  const key = request.idempotencyKey;
  try {
    const result = await gateway.charge(request);
    return result.status === "succeeded"
      ? attemptRow(inv, key, "succeeded", method, result.gatewayRef, null)
      : attemptRow(inv, key, "failed", method, null, result.code);
  } catch (error) {
    const failure = error instanceof GatewayTimeoutError ? "gateway_timeout" : "gateway_error";
    return attemptRow(inv, key, "failed", method, null, failure);
  }
}

function attemptRow(
  inv: FirstAttemptDue,
  key: string,
  status: Attempt["status"],
  method: string,
  ref: string | null,
  failure: string | null,
): Attempt {
  return {
    invoiceId: inv.id,
    partnerId: inv.partner_id,
    amount: inv.owed,
    key,
    status,
    method,
    ref,
    failure,
  };
}

/** `work` on every item, at most `limit` at a time; the results in the items' order. */
async function mapConcurrently<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

/** Failures that are the gateway's trouble, not the customer's: retried without telling them. */
const GATEWAY_TROUBLE = new Set(["gateway_timeout", "gateway_error"]);

/** Tells each customer whose first charge was declined (or who has no auto-pay method). */
async function noticeDeclines(tx: Db, invoiceIds: readonly number[]): Promise<void> {
  if (invoiceIds.length === 0) return;
  const declined = rowsOf<{
    id: number;
    partner_id: number;
    number: string;
    owed: number;
    email: string | null;
    phone: string | null;
    preferred_channel: string | null;
    name: string;
  }>(
    await tx.execute(sql`
      select i.id, i.partner_id, i.number, p.amount as owed, c.party->>'email' as email, c.party->>'phone' as phone,
        cu.preferred_channel, c.party->>'name' as name
      from invoices i join contracts c on c.id = i.contract_id
        left join customers cu on cu.id = c.customer_id
        join payments p on p.invoice_id = i.id and p.attempt = 1
      where i.id = any(${intList(invoiceIds)}::int[])`),
  );
  await enqueueForCustomers(
    tx,
    declined.map((d) => ({
      partnerId: d.partner_id,
      recipient: { email: d.email, phone: d.phone, preferredChannel: d.preferred_channel },
      template: "payment_failed" as const,
      entity: "invoices",
      entityId: d.id,
      vars: { customer: d.name, number: d.number, amount: d.owed.toLocaleString("ko-KR"), attempt: "1" },
    })),
  );
}

/**
 * The safety net after issuing: claims a batch of open invoices due on `date` that have no first
 * attempt yet (FOR UPDATE SKIP LOCKED: concurrent runs take disjoint batches) and makes attempt 1
 * on each. The billing run charges what it issues in the issuing transaction, so this finds only
 * invoices issued without it — by an older run, or for a date the run did not issue.
 */
export async function collectPaymentBatch(input: {
  db: Db;
  gateway: PaymentGateway;
  date: string;
  partnerId?: number;
  batchSize: number;
  now: Date;
}): Promise<{ claimed: number; charged: number; failed: number }> {
  return input.db.transaction(async (tx) => {
    const partner = input.partnerId ? sql`and i.partner_id = ${input.partnerId}` : sql``;
    const claimed = rowsOf<FirstAttemptDue>(
      await tx.execute(sql`
        select i.id, i.partner_id, i.contract_id, i.period_kind, i.period_start::text, i.number, pm.token, pm.gateway, i.total,
          i.total - coalesce((select sum(cn.amount) from credit_notes cn where cn.invoice_id = i.id), 0)::int as owed,
          i.tax_free_amount as tax_free
        from invoices i
        left join lateral (
          select token, gateway from payment_methods
          where contract_id = i.contract_id and customer_id = i.customer_id and status = 'active' order by id desc limit 1
        ) pm on true
        where i.due_date = ${input.date}::date and i.status = 'open' ${partner}
          and not exists (select 1 from payments p where p.invoice_id = i.id and p.attempt = 1)
        order by i.id
        limit ${input.batchSize}
        for update of i skip locked`),
    );
    if (claimed.length === 0) return { claimed: 0, charged: 0, failed: 0 };
    const { paid, unpaid } = await chargeFirstAttempts({
      tx,
      gateway: input.gateway,
      now: input.now,
      invoices: claimed,
    });
    if (paid.length > 0) {
      await tx.execute(sql`
        update invoices set status = 'paid', paid_at = ${input.now.toISOString()}::timestamptz
        where id = any(${intList(paid)}::int[])`);
    }
    return { claimed: claimed.length, charged: paid.length, failed: unpaid.length };
  });
}
