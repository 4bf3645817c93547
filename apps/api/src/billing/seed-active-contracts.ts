import { billingSchedule, type PlanTerms } from "@ssp/domain";
import { sql } from "drizzle-orm";
import { type Db, rowsOf } from "../db/client.js";

/**
 * Active contracts in bulk, set-based, for billing tests and the billing benchmark: a customer,
 * an installed order, an active contract with the plan version's frozen terms, and a sandbox
 * auto-pay token each. (The funnel's use cases make the same rows one at a time.)
 */
export async function seedActiveContracts(
  db: Db,
  input: {
    partnerId: number;
    planVersionId: number;
    count: number;
    activatedOn: string;
    billingDay: number;
    paymentMethod?: boolean;
  },
): Promise<{ firstContractId: number; lastContractId: number }> {
  const tag = `bulk-${Date.now().toString(36)}`;
  // The frozen terms and the end date are the same for every contract of the batch (one plan
  // version, one activation date, one billing day): work them out once, as installation does.
  const [terms] = rowsOf<PlanTerms>(
    await db.execute(sql`
      select v.kind, v.monthly_fee as "monthlyFee", v.term_months as "termMonths", v.mandatory_months as "mandatoryMonths",
             v.registration_fee as "registrationFee", v.registration_fee_waived as "registrationFeeWaived",
             v.ownership_transfer as "ownershipTransfer", v.service_interval_months as "serviceIntervalMonths",
             v.early_termination_rate as "earlyTerminationRate", v.removal_fee as "removalFee",
             v.cooling_off_days as "coolingOffDays", v.discount_amount as "discountAmount", v.discount_months as "discountMonths"
      from plan_versions v where v.id = ${input.planVersionId}`),
  );
  const { endsOn } = billingSchedule({
    terms: terms!,
    activatedOn: input.activatedOn,
    billingDay: input.billingDay,
    horizonMonths: 1,
  });
  await db.execute(sql`
    insert into customers (partner_id, name, birth_date, phone, email, consent_privacy_at, consent_credit_inquiry_at, tags)
    select ${input.partnerId}, '청구고객' || g, date '1980-01-01' + (g % 9000),
           '010-' || lpad(((g / 10000) % 10000)::text, 4, '0') || '-' || lpad((g % 10000)::text, 4, '0'),
           ${tag} || '-' || g || '@example.kr', now(), now(), array[${tag}]
    from generate_series(1, ${input.count}) g`);
  await db.execute(sql`
    insert into orders (partner_id, customer_id, plan_version_id, status, install_address, billing_day, source)
    select ${input.partnerId}, c.id, ${input.planVersionId}, 'installed', '서울특별시 중구 세종대로 110', ${input.billingDay}, 'staff'
    from customers c where c.partner_id = ${input.partnerId} and c.tags @> array[${tag}]`);
  const range = rowsOf<{ first: number; last: number }>(
    await db.execute(sql`
      with made as (
        insert into contracts (partner_id, number, order_id, customer_id, plan_version_id, status, billing_day, install_address,
                               terms, party, product_name, product_model, drafted_on, activated_on, ends_on)
        select o.partner_id, 'BULK-' || ${tag} || '-' || o.id, o.id, o.customer_id, o.plan_version_id, 'active', o.billing_day, o.install_address,
               ${JSON.stringify(terms)}::jsonb,
               jsonb_build_object('name', c.name, 'birthDate', c.birth_date, 'phone', c.phone, 'email', c.email),
               p.name, p.model, ${input.activatedOn}::date, ${input.activatedOn}::date, ${endsOn}::date
        from orders o
        join customers c on c.id = o.customer_id
        join plan_versions v on v.id = o.plan_version_id
        join plans pl on pl.id = v.plan_id
        join products p on p.id = pl.product_id
        where c.tags @> array[${tag}] and o.partner_id = ${input.partnerId}
        returning id
      )
      select min(id)::int as first, max(id)::int as last from made`),
  );
  // Each bills from its activation on, as an installation leaves it.
  await db.execute(sql`
    insert into billing_cursors (partner_id, contract_id, next_period_on)
    select partner_id, id, activated_on from contracts where id between ${range[0]!.first} and ${range[0]!.last}`);
  if (input.paymentMethod !== false) {
    await db.execute(sql`
      insert into payment_methods (partner_id, customer_id, contract_id, gateway, token, display)
      select partner_id, customer_id, id, 'sandbox', 'sbx_bulk_' || id, '카드 **** 4242'
      from contracts where id between ${range[0]!.first} and ${range[0]!.last}`);
  }
  return { firstContractId: range[0]!.first, lastContractId: range[0]!.last };
}
