import {
  assertCanScheduleVisits,
  type ContractStatus,
  formatAddress,
  isVisitMissed,
  regionCovers,
  type VisitKind,
  type VisitStatus,
} from "@ssp/domain";
import { and, eq, inArray, sql } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit.js";
import { installAddressLine } from "../contracts/install-address.js";
import { type Db, rowsOf } from "../db/client.js";
import { assets, contracts, documents, orders, serviceVisits, users } from "../db/schema/index.js";
import { partnerScope } from "../db/scoped.js";
import { sha256Hex } from "../documents/sha256.js";
import type { StaffContext } from "../http/context.js";
import { AppError, forbidden, validationFailed } from "../http/errors.js";
import { partnerSettings } from "../partners/partner-settings.js";
import { signatureOf } from "../signing/signature-image.js";
import { lockVisit, moveVisit, type VisitRow } from "./move-visit.js";
import { afterTicketVisit } from "./relocation.js";
import type { TVisitCompleteRequest, TVisitCreateRequest } from "./service-visits.schemas.js";

/**
 * A visit as the API shows it: with the names staff need (contract number, customer, address,
 * technician) rather than bare ids, and whether it is missed (past the partner's grace period).
 */
export async function visitsJson(tx: Db, rows: VisitRow[], today: string) {
  if (rows.length === 0) return [];
  const contractIds = [...new Set(rows.map((r) => r.contractId))];
  const userIds = [...new Set(rows.flatMap((r) => (r.technicianId ? [r.technicianId] : [])))];
  const assetIds = [...new Set(rows.flatMap((r) => (r.assetId ? [r.assetId] : [])))];
  const partnerIds = [...new Set(rows.map((r) => r.partnerId))];
  const [contractRows, userRows, assetRows] = await Promise.all([
    tx
      .select({
        id: contracts.id,
        number: contracts.number,
        party: contracts.party,
        installPostcode: contracts.installPostcode,
        installAddress: contracts.installAddress,
        installAddressDetail: contracts.installAddressDetail,
        productName: contracts.productName,
      })
      .from(contracts)
      .where(inArray(contracts.id, contractIds)),
    userIds.length
      ? tx.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, userIds))
      : Promise.resolve([]),
    assetIds.length
      ? tx
          .select({ id: assets.id, serialNumber: assets.serialNumber })
          .from(assets)
          .where(inArray(assets.id, assetIds))
      : Promise.resolve([]),
  ]);
  const grace = new Map<number, number>();
  for (const p of partnerIds) grace.set(p, (await partnerSettings(tx, p)).visits.graceDays);
  const byContract = new Map(contractRows.map((c) => [c.id, c]));
  const byUser = new Map(userRows.map((u) => [u.id, u.name]));
  const byAsset = new Map(assetRows.map((a) => [a.id, a.serialNumber]));
  return rows.map((v) => {
    const c = byContract.get(v.contractId);
    return {
      id: v.id,
      partnerId: v.partnerId,
      contractId: v.contractId,
      contractNumber: c?.number ?? null,
      customerId: v.customerId,
      customerName: c?.party.name ?? null,
      customerPhone: c?.party.phone ?? null,
      kind: v.kind,
      ticketId: v.ticketId,
      // A reinstallation goes to the new address; every other visit to where the unit is.
      address: v.address
        ? (formatAddress({ postcode: v.postcode, road: v.address, detail: v.addressDetail }) ?? v.address)
        : c
          ? installAddressLine(c)
          : null,
      // The new address in its parts (a reinstallation's; null on every other visit).
      newPostcode: v.postcode,
      newAddress: v.address,
      newAddressDetail: v.addressDetail,
      productName: c?.productName ?? null,
      assetId: v.assetId,
      serialNumber: v.assetId ? (byAsset.get(v.assetId) ?? null) : null,
      dueOn: v.dueOn,
      scheduledOn: v.scheduledOn,
      technicianId: v.technicianId,
      technicianName: v.technicianId ? (byUser.get(v.technicianId) ?? null) : null,
      status: v.status,
      missed: isVisitMissed({
        status: v.status as VisitStatus,
        scheduledOn: v.scheduledOn,
        graceDays: grace.get(v.partnerId) ?? 7,
        today,
      }),
      missedOn: v.missedOn,
      creditNoteId: v.creditNoteId,
      reason: v.reason,
      notes: v.notes,
      partsUsed: v.partsUsed ?? [],
      signed: v.signatureSha256 !== null,
      signatureSha256: v.signatureSha256,
      completedAt: v.completedAt?.toISOString() ?? null,
      createdAt: v.createdAt.toISOString(),
      updatedAt: v.updatedAt.toISOString(),
    };
  });
}

async function oneJson(ctx: StaffContext, row: VisitRow) {
  const [json] = await visitsJson(ctx.tx, [row], ctx.clock.today());
  return json!;
}

/** One of the partner's active technicians, or 422: a visit is never given to anyone else. */
export async function assertTechnician(ctx: StaffContext, partnerId: number, technicianId: number) {
  const [tech] = await ctx.tx
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(
      and(
        eq(users.id, technicianId),
        eq(users.partnerId, partnerId),
        eq(users.role, "technician"),
        eq(users.active, true),
      ),
    );
  if (!tech)
    throw new AppError(422, "business_rule", "Choose one of your technicians", {
      technicianId: "Choose one of your technicians",
    });
  return tech;
}

/** Managers plan visits; a technician only completes their own. */
function assertPlanner(ctx: StaffContext) {
  if (ctx.actor.role === "technician") throw forbidden();
}

export async function createVisit(ctx: StaffContext, input: TVisitCreateRequest) {
  assertPlanner(ctx);
  const [contract] = await ctx.tx
    .select()
    .from(contracts)
    .where(and(eq(contracts.id, input.contractId), partnerScope(contracts.partnerId, ctx.scope)));
  if (!contract) throw validationFailed({ contractId: "No such contract" });
  const row = await insertVisit(ctx, contract, input);
  return oneJson(ctx, row);
}

/**
 * Books one visit for an active (or suspended) contract: the plan's regular one for a date, or
 * one a CS ticket asks for. A regular visit is one per date (409 `visit_exists` for a second).
 */
export async function insertVisit(
  ctx: StaffContext,
  contract: typeof contracts.$inferSelect,
  input: {
    kind: VisitKind;
    scheduledOn: string;
    technicianId?: number;
    notes?: string;
    ticketId?: number;
    /** A reinstallation's new address, in parts. */
    newAddress?: { postcode: string | null; road: string; detail: string | null };
  },
): Promise<VisitRow> {
  assertCanScheduleVisits(contract.status as ContractStatus);
  if (input.scheduledOn < ctx.clock.today()) throw validationFailed({ scheduledOn: "The date has passed" });
  if (input.technicianId) await assertTechnician(ctx, contract.partnerId, input.technicianId);
  const [row] = await ctx.tx
    .insert(serviceVisits)
    .values({
      partnerId: contract.partnerId,
      contractId: contract.id,
      assetId: contract.assetId,
      customerId: contract.customerId,
      kind: input.kind,
      bookedByStaff: true,
      ticketId: input.ticketId ?? null,
      postcode: input.newAddress?.postcode ?? null,
      address: input.newAddress?.road ?? null,
      addressDetail: input.newAddress?.detail ?? null,
      dueOn: input.scheduledOn,
      scheduledOn: input.scheduledOn,
      technicianId: input.technicianId ?? null,
      status: input.technicianId ? "assigned" : "scheduled",
      notes: input.notes ?? null,
    })
    .onConflictDoNothing()
    .returning();
  if (!row)
    throw new AppError(409, "visit_exists", "This contract already has a visit on that date", {
      scheduledOn: "Already has a visit that day",
    });
  await recordAudit(ctx, {
    entity: "service-visits",
    entityId: row.id,
    action: "create",
    partnerId: row.partnerId,
    after: {
      contractId: row.contractId,
      kind: row.kind,
      ticketId: row.ticketId,
      scheduledOn: row.scheduledOn,
      technicianId: row.technicianId,
    },
  });
  return row;
}

export async function assignVisit(ctx: StaffContext, id: number, technicianId: number) {
  assertPlanner(ctx);
  const visit = await lockVisit(ctx, id);
  await assertTechnician(ctx, visit.partnerId, technicianId);
  return oneJson(ctx, await moveVisit(ctx, visit, "assigned", "assign", { technicianId }));
}

export async function rescheduleVisit(
  ctx: StaffContext,
  id: number,
  input: { scheduledOn: string; reason: string },
) {
  assertPlanner(ctx);
  const visit = await lockVisit(ctx, id);
  if (input.scheduledOn < ctx.clock.today()) throw validationFailed({ scheduledOn: "The date has passed" });
  const row = await moveVisit(ctx, visit, visit.status as VisitStatus, "reschedule", {
    scheduledOn: input.scheduledOn,
    reason: input.reason,
    // A new date is a new chance: the missed flag and the reminder start over.
    missedOn: null,
    remindedOn: null,
  });
  return oneJson(ctx, row);
}

export async function cancelVisit(ctx: StaffContext, id: number, reason: string) {
  assertPlanner(ctx);
  const visit = await lockVisit(ctx, id);
  return oneJson(ctx, await moveVisit(ctx, visit, "cancelled", "cancel", { reason }));
}

/**
 * The technician (or a manager for them) records the visit: notes, parts, the unit's serial
 * checked against the asset, and the customer's signature kept as a sealed document.
 */
export async function completeVisit(ctx: StaffContext, id: number, input: TVisitCompleteRequest) {
  const visit = await lockVisit(ctx, id);
  if (visit.status === "completed") {
    // The same completion sent twice (an offline queue retrying): answer with the visit as it is.
    return oneJson(ctx, visit);
  }
  if (input.serialNumber !== undefined && visit.assetId) {
    const [asset] = await ctx.tx
      .select({ serialNumber: assets.serialNumber })
      .from(assets)
      .where(eq(assets.id, visit.assetId));
    if (asset && asset.serialNumber !== input.serialNumber)
      throw new AppError(422, "business_rule", "The serial number does not match this contract's unit", {
        serialNumber: "Not this contract's unit",
      });
  }
  const signature = signatureOf(input.signature);
  const bytes = signature.kind === "drawn" ? signature.png : new TextEncoder().encode(signature.text);
  const sha256 = sha256Hex(bytes);
  const [doc] = await ctx.tx
    .insert(documents)
    .values({
      partnerId: visit.partnerId,
      contractId: visit.contractId,
      kind: "visit_signature",
      sealed: true,
      sha256,
      bytes,
    })
    .returning({ id: documents.id });
  const row = await moveVisit(ctx, visit, "completed", "complete", {
    notes: input.notes,
    partsUsed: input.partsUsed,
    completedAt: ctx.clock.now(),
    signatureDocumentId: doc!.id,
    signatureSha256: sha256,
  });
  await afterTicketVisit(ctx, row);
  return oneJson(ctx, row);
}

/** Each active technician of the partner with their load on a day (deliveries + visits). */
export async function techniciansFor(
  ctx: StaffContext,
  input: { date: string; contractId?: number; orderId?: number },
) {
  const { date } = input;
  const partner = ctx.scope.kind === "partner" ? sql`and u.partner_id = ${ctx.scope.partnerId}` : sql``;
  const address = await jobAddress(ctx, input);
  const rows = rowsOf<{
    id: number;
    name: string;
    partner_id: number;
    service_regions: string[];
    deliveries: number;
    visits: number;
  }>(
    await ctx.tx.execute(sql`
      select u.id, u.name, u.partner_id, u.service_regions,
        (select count(*)::int from deliveries d
          where d.technician_id = u.id and d.scheduled_on = ${date}::date and d.status = 'scheduled') as deliveries,
        (select count(*)::int from service_visits v
          where v.technician_id = u.id and v.scheduled_on = ${date}::date
            and v.status in ('scheduled', 'assigned', 'completed')) as visits
      from users u
      where u.role = 'technician' and u.active ${partner}
      order by u.name, u.id`),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    partnerId: r.partner_id,
    date,
    deliveries: r.deliveries,
    visits: r.visits,
    load: r.deliveries + r.visits,
    serviceRegions: r.service_regions,
    /** Whether one of their regions covers the address of the job asked about (null: none asked). */
    coversAddress: address === undefined ? null : r.service_regions.some((g) => regionCovers(g, address)),
  }));
}

/** The install address of the contract or order a picker is choosing a technician for. */
async function jobAddress(
  ctx: StaffContext,
  input: { contractId?: number; orderId?: number },
): Promise<string | null | undefined> {
  if (input.contractId) {
    const [c] = await ctx.tx
      .select({ address: contracts.installAddress })
      .from(contracts)
      .where(and(eq(contracts.id, input.contractId), partnerScope(contracts.partnerId, ctx.scope)));
    return c?.address ?? null;
  }
  if (input.orderId) {
    const [o] = await ctx.tx
      .select({ address: orders.installAddress })
      .from(orders)
      .where(and(eq(orders.id, input.orderId), partnerScope(orders.partnerId, ctx.scope)));
    return o?.address ?? null;
  }
  return undefined;
}
