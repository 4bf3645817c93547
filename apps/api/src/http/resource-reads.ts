import type { Resource } from "@ssp/domain";
import { inArray, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { z } from "zod";
import { findScoped, partnerScope, whereAll } from "../db/scoped.js";
import type { ApiRoutes } from "./api-routes.js";
import type { StaffContext } from "./context.js";
import { notFound } from "./errors.js";
import { contentRange, fetchPage, type Listable, parseListQuery, ZListParams } from "./list-query.js";
import type { ExtraColumns } from "./list-statements.js";
import { TotalEstimates } from "./total-estimates.js";

/**
 * The two read routes every resource has (list with sort/range/filter, and one by id), from
 * one description. Writes stay explicit per resource: they are where the rules live.
 */
export interface ReadSpec<Row, F extends z.ZodRawShape> {
  resource: Resource;
  title: string;
  table: Listable;
  /** The column that holds the tenant (`partners.id` for the partners table itself). */
  partnerColumn: PgColumn;
  sort: Record<string, PgColumn | SQL>;
  defaultSort: [string, "ASC" | "DESC"];
  filters: z.ZodObject<F>;
  where: (filter: z.infer<z.ZodObject<F>>, ctx: StaffContext) => (SQL | undefined)[];
  /**
   * Which of the tenant's rows the actor may see at all (a technician: their own deliveries).
   * Applied to the list and to the record by id alike, so an id the list would not show answers
   * 404 (issue 14 finding 5: the single read did not filter).
   */
  visible?: (ctx: StaffContext) => (SQL | undefined)[];
  /**
   * A total the database keeps for a common filter (the open inbox: `ticket_open_counts`), read
   * instead of counting the rows. Undefined for the other filters, which are counted as usual.
   */
  keptTotal?: (filter: z.infer<z.ZodObject<F>>) => SQL | undefined;
  /**
   * Where a filter's rows come from instead of the table: a set-returning function that already
   * picks them (and applies the tenant itself) and hands out the columns the list filters and
   * sorts by, named as the table so that filters and sort read the same
   * (`customer_search_keys(q) as customers`). The page's ids and the total come from one call;
   * then only the page's rows are read from the table. Undefined: the table.
   */
  listFrom?: (filter: z.infer<z.ZodObject<F>>) => SQL | undefined;
  /**
   * Values a list page shows beside each row's columns (the names of whom it refers to), as SQL
   * of the row: they come in the page's own statement, one round trip instead of two. `toJson`
   * finds them on the rows by key (a record read by id has them not, and looks them up).
   */
  listColumns?: ExtraColumns;
  /** Filters that make a list expensive (a search off the indexes' cheap paths); deep pages always are. */
  expensive?: (filter: z.infer<z.ZodObject<F>>) => boolean;
  toJson: (rows: Row[], ctx: StaffContext, view: "list" | "show") => Promise<unknown[]> | unknown[];
}

/** A page this deep costs a walk of the index up to it (ADR 0002). */
const EXPENSIVE_FROM = 1_000;

export function registerReads<Row, F extends z.ZodRawShape>(routes: ApiRoutes, spec: ReadSpec<Row, F>): void {
  const { resource } = spec;
  const estimates = new TotalEstimates();
  // One array for the life of the route: parseListQuery keeps its zod schema per array.
  const listSpec = { sortable: Object.keys(spec.sort), defaultSort: spec.defaultSort, filters: spec.filters };
  routes.staff(
    {
      method: "get",
      path: `/${resource}`,
      summary: `List ${spec.title}`,
      tag: resource,
      query: ZListParams,
      access: { resource, action: "list" },
      readOnly: true,
      expensive: ({ query }) => {
        const list = parseListQuery(query, listSpec);
        return list.start >= EXPENSIVE_FROM || (spec.expensive?.(list.filter) ?? false);
      },
    },
    async (ctx, { query }) => {
      const list = parseListQuery(query, listSpec);
      const where = whereAll(
        partnerScope(spec.partnerColumn, ctx.scope),
        list.ids ? inArray(spec.table.id, list.ids) : undefined,
        ...(spec.visible?.(ctx) ?? []),
        ...spec.where(list.filter, ctx),
      );
      const { rows, total } = await fetchPage<Row>({
        tx: ctx.tx,
        scope: ctx.scope,
        estimates,
        table: spec.table,
        from: spec.listFrom?.(list.filter),
        where,
        sortColumn: spec.sort[list.sortField]!,
        descending: list.descending,
        start: list.start,
        end: list.end,
        // Only for the filter as given: an id list or a role's visibility narrows the rows further.
        keptTotal: list.ids || spec.visible ? undefined : spec.keptTotal?.(list.filter),
        extraColumns: spec.listColumns,
      });
      return {
        body: await spec.toJson(rows, ctx, "list"),
        headers: contentRange(resource, list.start, rows.length, total),
      };
    },
  );
  routes.staff(
    {
      method: "get",
      path: `/${resource}/:id`,
      summary: `One of ${spec.title}`,
      tag: resource,
      access: { resource, action: "show" },
      readOnly: true,
    },
    async (ctx, { id }) => {
      const row = await findScoped<Row>(ctx.tx, ctx.scope, spec, id, spec.visible?.(ctx));
      if (!row) throw notFound();
      const [json] = await spec.toJson([row], ctx, "show");
      return { body: json };
    },
  );
}
