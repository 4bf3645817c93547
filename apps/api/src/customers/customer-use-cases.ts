import { recordAudit } from "../audit/record-audit.js";
import { ownerPartner } from "../db/scoped.js";
import type { StaffContext } from "../http/context.js";
import { notFound } from "../http/errors.js";
import {
  type CustomerRow,
  type CustomerValues,
  customerJson,
  deleteCustomer,
  findCustomer,
  insertCustomer,
  updateCustomer,
} from "./customers.repository.js";
import type { TCustomerInput } from "./customers.schemas.js";

type Consent = boolean | string | null | undefined;

/** true keeps the first time a consent was given (or records now); false/null withdraws it. */
function consentAt(requested: Consent, existing: string | null, now: string): string | null {
  if (requested === undefined) return existing;
  if (requested === false || requested === null) return null;
  return existing ?? now;
}

function values(input: TCustomerInput, now: string, existing?: CustomerRow): CustomerValues {
  return {
    name: input.name,
    birthDate: input.birthDate,
    phone: input.phone,
    email: input.email ? input.email.toLowerCase() : null,
    postcode: input.postcode ?? null,
    address: input.address ?? null,
    addressDetail: input.addressDetail ?? null,
    consentPrivacyAt: consentAt(input.consents?.privacy, existing?.consentPrivacyAt ?? null, now),
    consentCreditInquiryAt: consentAt(
      input.consents?.creditInquiry,
      existing?.consentCreditInquiryAt ?? null,
      now,
    ),
    consentMarketingAt: consentAt(input.consents?.marketing, existing?.consentMarketingAt ?? null, now),
    preferredChannel:
      input.preferredChannel === undefined ? (existing?.preferredChannel ?? null) : input.preferredChannel,
    tags: [...new Set(input.tags ?? existing?.tags ?? [])],
    updatedAt: now,
  };
}

export async function createCustomer(ctx: StaffContext, input: TCustomerInput) {
  const row = await insertCustomer(ctx.tx, {
    ...values(input, ctx.clock.now().toISOString()),
    partnerId: ownerPartner(ctx.scope),
  });
  const after = customerJson(row, { maskPhone: false });
  await recordAudit(ctx, {
    entity: "customers",
    entityId: row.id,
    action: "create",
    partnerId: row.partnerId,
    after,
  });
  return after;
}

export async function editCustomer(ctx: StaffContext, id: number, input: TCustomerInput) {
  const existing = await findCustomer(ctx.tx, ctx.scope, id);
  if (!existing) throw notFound("Customer");
  const row = await updateCustomer(ctx.tx, id, values(input, ctx.clock.now().toISOString(), existing));
  const before = customerJson(existing, { maskPhone: false });
  const after = customerJson(row, { maskPhone: false });
  await recordAudit(ctx, {
    entity: "customers",
    entityId: id,
    action: "update",
    partnerId: row.partnerId,
    before,
    after,
  });
  return after;
}

/** Only a customer nothing refers to yet can be deleted; the database refuses otherwise (409). */
export async function removeCustomer(ctx: StaffContext, id: number) {
  const existing = await findCustomer(ctx.tx, ctx.scope, id);
  if (!existing) throw notFound("Customer");
  await deleteCustomer(ctx.tx, id);
  const before = customerJson(existing, { maskPhone: false });
  await recordAudit(ctx, {
    entity: "customers",
    entityId: id,
    action: "delete",
    partnerId: existing.partnerId,
    before,
  });
  return before;
}
