import { maskPhone } from "@ssp/domain";
import { and, arrayContains, eq, gte, inArray, lt, type SQL, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { customers } from "../db/schema/index.js";
import { partnerScope, whereAll } from "../db/scoped.js";
import type { TenantScope } from "../db/tenant.js";
import { likeEscape } from "../shared/zod-fields.js";
import { namePrefixRange } from "./name-prefix.js";

export type CustomerRow = typeof customers.$inferSelect;
export type CustomerValues = Omit<typeof customers.$inferInsert, "id" | "partnerId" | "search" | "createdAt">;

/** A term with Hangul in it is a name (or its start); anything else may be a phone or an e-mail. */
const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/;

/**
 * A Korean name is searched by its start: "김민" finds 김민준 and 김민서. The condition is the range
 * of names with that start (name-prefix.ts), written with operators PostgreSQL knows to be
 * leakproof (text >= and <), so it stays an index condition under row-level security: the page
 * comes out of (partner_id, name, id) already in name order, its count out of (partner_id, name).
 * The name column compares by code point, so the range alone is exact
 * (docs/decisions/0004-customer-search.md).
 *
 * Other terms (phone digits, e-mail fragments, three characters or more) match name, phone or
 * e-mail anywhere through the four-digit-run and trigram indexes; ILIKE and array containment are
 * not leakproof, so that runs in `customer_search_keys` (migration 0049), which applies the same
 * tenant itself and hands out the found rows' keys (the columns the list filters and sorts by),
 * read as the customers table (customerSearchFrom): the page's ids come from it, then their rows.
 */
function namePrefixCondition(q: string): SQL {
  const { from, below } = namePrefixRange(q);
  return and(gte(customers.name, from), below === undefined ? undefined : lt(customers.name, below))!;
}

/** A term off the name-prefix index (digits, e-mail fragments): bounded per user (fair-share.ts). */
export function isBroadSearch(q: string | undefined): boolean {
  return q !== undefined && q !== "" && !HANGUL.test(q);
}

/**
 * The four digits of a term that is exactly one four-digit run of a phone ("5678", "56-78"), as
 * the number customer_phone_runs keys it by; undefined for any other term. The same test as the
 * phone branch of customer_search_keys (digits, spaces and dashes; four digits).
 */
function phoneRunOf(q: string): number | undefined {
  if (!/^[0-9][0-9 -]*$/.test(q)) return undefined;
  const digits = q.replace(/[^0-9]/g, "");
  return digits.length === 4 ? Number(digits) : undefined;
}

/**
 * The customers a search term off the name index finds, read as the customers table itself.
 * Four phone digits come from customer_phone_runs (migration 0052), whose primary key holds them
 * in name order: the customers' own columns are joined only when the list filters or sorts by one
 * (a left join on the primary key that no column reads is dropped by the planner, so the page and
 * its total sorted by name are read from that index alone). Other terms: customer_search_keys.
 */
export function customerSearchFrom(filter: { q?: string }): SQL | undefined {
  if (!isBroadSearch(filter.q)) return undefined;
  const run = phoneRunOf(filter.q!);
  if (run === undefined) return sql`customer_search_keys(${likeEscape(filter.q!)}) as ${customers}`;
  return sql`(
    select r.id, r.partner_id, r.name, c.birth_date, c.phone, c.email, c.tags, c.created_at, c.updated_at
    from customer_phone_runs r left join customers c on c.id = r.id
    where r.run = ${run}
  ) as ${customers}`;
}

/** The list's conditions; a broad search's are in its rows' source (customerSearchFrom). */
export function customerWhere(filter: { q?: string; tags?: string | string[] }): (SQL | undefined)[] {
  const { q, tags } = filter;
  const tagList = tags === undefined ? [] : Array.isArray(tags) ? tags : [tags];
  return [
    q && !isBroadSearch(q) ? namePrefixCondition(q) : undefined,
    tagList.length > 0 ? arrayContains(customers.tags, tagList) : undefined,
  ];
}

export async function findCustomer(tx: Db, scope: TenantScope, id: number): Promise<CustomerRow | undefined> {
  const [row] = await tx
    .select()
    .from(customers)
    .where(whereAll(eq(customers.id, id), partnerScope(customers.partnerId, scope)));
  return row;
}

export async function insertCustomer(
  tx: Db,
  values: CustomerValues & { partnerId: number },
): Promise<CustomerRow> {
  const [row] = await tx.insert(customers).values(values).returning();
  return row!;
}

export async function updateCustomer(tx: Db, id: number, values: CustomerValues): Promise<CustomerRow> {
  const [row] = await tx.update(customers).set(values).where(eq(customers.id, id)).returning();
  return row!;
}

export async function deleteCustomer(tx: Db, id: number): Promise<void> {
  await tx.delete(customers).where(eq(customers.id, id));
}

/** The API's JSON for a customer; lists show the phone masked (SPEC §2). */
export function customerJson(row: CustomerRow, options: { maskPhone: boolean }) {
  return {
    id: row.id,
    partnerId: row.partnerId,
    name: row.name,
    birthDate: row.birthDate,
    phone: options.maskPhone ? maskPhone(row.phone) : row.phone,
    email: row.email,
    postcode: row.postcode,
    address: row.address,
    addressDetail: row.addressDetail,
    consents: {
      privacy: row.consentPrivacyAt,
      creditInquiry: row.consentCreditInquiryAt,
      marketing: row.consentMarketingAt,
    },
    preferredChannel: row.preferredChannel,
    tags: row.tags,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Customers' names by id, for lists that show whose a record is. */
export async function customerNamesOf(tx: Db, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select({ id: customers.id, name: customers.name })
    .from(customers)
    .where(inArray(customers.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.name]));
}
