import { eq, gte, lte, sql } from "drizzle-orm";
import { serviceVisits } from "../db/schema/index.js";
import type { ApiRoutes } from "../http/api-routes.js";
import { registerReads } from "../http/resource-reads.js";
import { DEFAULT_VISIT_GRACE_DAYS } from "../partners/partners.schemas.js";
import { type VisitRow, visibleVisits } from "./move-visit.js";
import {
  ZTechnicianDayQuery,
  ZTechniciansQuery,
  ZVisitAssignRequest,
  ZVisitCancelRequest,
  ZVisitCompleteRequest,
  ZVisitCreateRequest,
  ZVisitFilter,
  ZVisitRescheduleRequest,
} from "./service-visits.schemas.js";
import { technicianDay } from "./technician-day.js";
import {
  assignVisit,
  cancelVisit,
  completeVisit,
  createVisit,
  rescheduleVisit,
  techniciansFor,
  visitsJson,
} from "./visit-use-cases.js";

export function registerServiceVisitRoutes(routes: ApiRoutes): void {
  const tag = "service-visits";
  const access = { resource: "service-visits", action: "edit" } as const;
  routes.staff(
    {
      method: "get",
      path: "/technicians",
      summary:
        "The partner's technicians with their load on a day (deliveries + visits) and service regions, for pickers",
      tag,
      query: ZTechniciansQuery,
      access: { resource: "service-visits", action: "list" },
      readOnly: true,
    },
    async (ctx, { query }) => ({ body: await techniciansFor(ctx, query) }),
  );
  routes.staff(
    {
      method: "get",
      path: "/technician-day",
      summary: "A technician's installations, visits and returns of a day and the next, in route order",
      tag,
      query: ZTechnicianDayQuery,
      access: { resource: "service-visits", action: "list" },
      readOnly: true,
    },
    async (ctx, { query }) => ({ body: await technicianDay(ctx, query) }),
  );
  routes.staff(
    {
      method: "post",
      path: "/service-visits",
      summary: "Schedule an extra visit for a contract (a repair, say)",
      tag,
      body: ZVisitCreateRequest,
      access: { resource: "service-visits", action: "create" },
    },
    async (ctx, { body }) => ({ status: 201, body: await createVisit(ctx, body) }),
  );
  routes.staff(
    {
      method: "post",
      path: "/service-visits/:id/assign",
      summary: "Give the visit to one of the partner's technicians",
      tag,
      body: ZVisitAssignRequest,
      access,
    },
    async (ctx, { id, body }) => ({ body: await assignVisit(ctx, id, body.technicianId) }),
  );
  routes.staff(
    {
      method: "post",
      path: "/service-visits/:id/reschedule",
      summary: "Move the visit to another day, with the reason",
      tag,
      body: ZVisitRescheduleRequest,
      access,
    },
    async (ctx, { id, body }) => ({ body: await rescheduleVisit(ctx, id, body) }),
  );
  routes.staff(
    {
      method: "post",
      path: "/service-visits/:id/cancel",
      summary: "Cancel the visit, with the reason",
      tag,
      body: ZVisitCancelRequest,
      access,
    },
    async (ctx, { id, body }) => ({ body: await cancelVisit(ctx, id, body.reason) }),
  );
  routes.staff(
    {
      method: "post",
      path: "/service-visits/:id/complete",
      summary: "Record the visit as done: notes, parts used, the customer's signature",
      tag,
      body: ZVisitCompleteRequest,
      access,
    },
    async (ctx, { id, body }) => ({ body: await completeVisit(ctx, id, body) }),
  );
  registerReads<VisitRow, typeof ZVisitFilter.shape>(routes, {
    resource: "service-visits",
    title: "service visits (a technician sees their own)",
    table: serviceVisits,
    partnerColumn: serviceVisits.partnerId,
    sort: {
      id: serviceVisits.id,
      scheduledOn: serviceVisits.scheduledOn,
      dueOn: serviceVisits.dueOn,
      status: serviceVisits.status,
      technicianId: serviceVisits.technicianId,
    },
    defaultSort: ["scheduledOn", "ASC"],
    filters: ZVisitFilter,
    visible: (ctx) => [visibleVisits(ctx)],
    where: (f, ctx) => [
      f.status ? eq(serviceVisits.status, f.status) : undefined,
      f.technicianId ? eq(serviceVisits.technicianId, f.technicianId) : undefined,
      f.contractId ? eq(serviceVisits.contractId, f.contractId) : undefined,
      f.customerId ? eq(serviceVisits.customerId, f.customerId) : undefined,
      f.ticketId ? eq(serviceVisits.ticketId, f.ticketId) : undefined,
      f.kind ? eq(serviceVisits.kind, f.kind) : undefined,
      f.scheduledOn ? eq(serviceVisits.scheduledOn, f.scheduledOn) : undefined,
      f.scheduledFrom ? gte(serviceVisits.scheduledOn, f.scheduledFrom) : undefined,
      f.scheduledTo ? lte(serviceVisits.scheduledOn, f.scheduledTo) : undefined,
      f.missed === undefined
        ? undefined
        : f.missed
          ? missedSql(ctx.clock.today())
          : sql`not ${missedSql(ctx.clock.today())}`,
    ],
    toJson: (rows, ctx) => visitsJson(ctx.tx, rows, ctx.clock.today()),
  });
}

/**
 * Open visits scheduled more than the partner's grace period before today are missed (the same
 * rule as the domain's `isVisitMissed`, in SQL so that the list can filter and page on it).
 */
function missedSql(today: string) {
  return sql`(${serviceVisits.status} in ('scheduled', 'assigned') and ${serviceVisits.scheduledOn} < ${today}::date
    - (select coalesce((p.settings->'visits'->>'graceDays')::int, ${DEFAULT_VISIT_GRACE_DAYS})
       from partners p where p.id = ${serviceVisits.partnerId}))`;
}
