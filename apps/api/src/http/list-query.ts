import type { SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { Db } from "../db/client.js";
import { runStatement } from "../db/run-statement.js";
import type { TenantScope } from "../db/tenant.js";
import { remember } from "../shared/remember.js";
import { validationFailed } from "./errors.js";
import {
  type CompiledWhere,
  compileSlice,
  compileSource,
  compileWhere,
  type ExtraColumns,
  type Listable,
  type ListSource,
  pageStatement,
  totalStatements,
} from "./list-statements.js";
import type { TotalEstimates } from "./total-estimates.js";

export type { Listable } from "./list-statements.js";

/**
 * react-admin's ra-data-simple-rest list contract: `sort=["field","ASC"]`, `range=[0,24]`,
 * `filter={...}` in, rows and `Content-Range: <resource> 0-24/<total>` out.
 */
export const ZListParams = z.object({
  sort: z.string().optional().describe('JSON ["field","ASC"|"DESC"]'),
  range: z.string().optional().describe("JSON [start, end], inclusive, at most 1000 rows"),
  filter: z.string().optional().describe('JSON object, e.g. {"q":"김","id":[1,2]}'),
});
export type TListParams = z.infer<typeof ZListParams>;

export const MAX_PAGE = 1000;

export interface ListQuery<F> {
  sortField: string;
  descending: boolean;
  start: number;
  end: number;
  filter: F;
  ids?: number[];
}

const ZIds = z.union([
  z.coerce.number().int().positive(),
  z.array(z.coerce.number().int().positive()).max(MAX_PAGE),
]);

function parseJson(text: string | undefined, field: string): unknown {
  if (text === undefined || text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw validationFailed({ [field]: "Must be JSON" });
  }
}

// Zod schemas are costly to build (v4 compiles object parsers), so each list's are built once.
const sortSchemas = new WeakMap<readonly string[], z.ZodType<[string, string]>>();
const strictFilters = new WeakMap<z.ZodObject, z.ZodObject>();
const ZRange = z
  .tuple([z.number().int().min(0), z.number().int().min(0)])
  .refine(([a, b]) => b >= a && b - a < MAX_PAGE, `At most ${MAX_PAGE} rows, start ≤ end`);

function sortSchema(sortable: readonly string[]): z.ZodType<[string, string]> {
  let schema = sortSchemas.get(sortable);
  if (!schema) {
    schema = z.tuple([z.enum(sortable as [string, ...string[]]), z.enum(["ASC", "DESC", "asc", "desc"])]);
    sortSchemas.set(sortable, schema);
  }
  return schema;
}

function strictFilter<F extends z.ZodRawShape>(filters: z.ZodObject<F>): z.ZodObject<F> {
  let schema = strictFilters.get(filters);
  if (!schema) {
    schema = filters.strict();
    strictFilters.set(filters, schema);
  }
  return schema as z.ZodObject<F>;
}

interface ListSpec<F extends z.ZodRawShape> {
  sortable: readonly string[];
  defaultSort: [string, "ASC" | "DESC"];
  filters: z.ZodObject<F>;
}

/**
 * Parsed queries by their raw text, per list: an admin asks for the same few pages over and
 * over. In a CPU profile under load, parsing (three JSON texts, three zod schemas) was 4.4 % of a
 * list page's API CPU, 2.5 % of it a sort schema rebuilt per request (since fixed in resource-reads).
 * Only queries that parsed are kept; results are frozen because every later request shares them.
 * (So a filter schema must not default or transform by the time of day: none does.)
 */
const MAX_REMEMBERED_QUERIES = 1_000;
const parsedQueries = new WeakMap<ListSpec<z.ZodRawShape>, Map<string, ListQuery<unknown>>>();

export function parseListQuery<F extends z.ZodRawShape>(
  params: TListParams,
  spec: ListSpec<F>,
): ListQuery<z.infer<z.ZodObject<F>>> {
  let remembered = parsedQueries.get(spec);
  if (!remembered) {
    remembered = new Map();
    parsedQueries.set(spec, remembered);
  }
  const key = `${params.sort ?? ""}\u0000${params.range ?? ""}\u0000${params.filter ?? ""}`;
  // parseFresh throws on bad input, so only queries that parsed are remembered.
  return remember(remembered, key, MAX_REMEMBERED_QUERIES, () => parseFresh(params, spec)) as ListQuery<
    z.infer<z.ZodObject<F>>
  >;
}

function parseFresh<F extends z.ZodRawShape>(
  params: TListParams,
  spec: ListSpec<F>,
): ListQuery<z.infer<z.ZodObject<F>>> {
  const sort = sortSchema(spec.sortable).safeParse(parseJson(params.sort, "sort") ?? spec.defaultSort);
  if (!sort.success) throw validationFailed({ sort: `Sort by one of: ${spec.sortable.join(", ")}` });

  const range = ZRange.safeParse(parseJson(params.range, "range") ?? [0, 24]);
  if (!range.success) throw validationFailed({ range: range.error.issues[0]?.message ?? "Invalid range" });

  const rawFilter = parseJson(params.filter, "filter") ?? {};
  if (typeof rawFilter !== "object" || rawFilter === null || Array.isArray(rawFilter)) {
    throw validationFailed({ filter: "Must be a JSON object" });
  }
  const { id, ...rest } = rawFilter as Record<string, unknown>;
  const filter = strictFilter(spec.filters).safeParse(rest);
  if (!filter.success) {
    const errors: Record<string, string> = {};
    for (const issue of filter.error.issues) {
      const key = issue.code === "unrecognized_keys" ? issue.keys.join(",") : issue.path.join(".");
      errors[`filter.${key}`] = issue.code === "unrecognized_keys" ? "Unknown filter" : issue.message;
    }
    throw validationFailed(errors);
  }
  let ids: number[] | undefined;
  if (id !== undefined) {
    const parsed = ZIds.safeParse(id);
    if (!parsed.success) throw validationFailed({ "filter.id": "Ids must be positive integers" });
    ids = Array.isArray(parsed.data) ? parsed.data : [parsed.data];
  }
  const [field, order] = sort.data;
  const [start, end] = range.data;
  return Object.freeze({
    sortField: field,
    descending: order.toUpperCase() === "DESC",
    start,
    end,
    filter: deepFreeze(filter.data),
    ids: ids && Object.freeze(ids),
  }) as ListQuery<z.infer<z.ZodObject<F>>>;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** Counting past this many rows exactly is what makes big admin lists slow; above it we estimate. */
export const EXACT_COUNT_LIMIT = 10_000;

/**
 * Pages starting this deep are read by a deferred join. Measured on the bench's 1,000,000
 * customers (PostgreSQL CPU per page of 25, sorted by name): straight from the index 200 µs at
 * offset 0 and 365 µs at 500; deferred 415 µs and 520 µs.
 */
export const DEFERRED_JOIN_FROM = 500;

/**
 * A page of rows plus a total react-admin can page with. The first pages are read straight
 * from the sort's index; deeper ones by a "deferred join": ids first, from an index-only scan
 * with the offset, then the 25 full rows, so deep pages stay cheap. The total is exact up to
 * EXACT_COUNT_LIMIT, else the planner's estimate (see docs/decisions/0002-list-totals.md). Both
 * run as prepared statements written once per list shape (list-statements.ts).
 */
export async function fetchPage<T>(input: {
  tx: Db;
  scope: TenantScope;
  table: Listable;
  /** Where the rows come from instead of the table (ReadSpec.listFrom). */
  from?: SQL;
  where: SQL | undefined;
  sortColumn: PgColumn | SQL;
  descending: boolean;
  start: number;
  end: number;
  /** Where to remember large totals' estimates for a few seconds; without it every request plans one. */
  estimates?: TotalEstimates;
  /** A statement reading a total the database keeps for this filter (one row, one number). */
  keptTotal?: SQL;
  extraColumns?: ExtraColumns;
}): Promise<{ rows: T[]; total: number }> {
  const { tx } = input;
  const source = compileSource(input.table, input.from, input.where);
  // A source other than the table (a search function) hands out the keys the page is chosen by:
  // its ids and total come from it, the page's rows then from the table (a deferred join).
  const deferred = input.start >= DEFERRED_JOIN_FROM || input.from !== undefined;
  const slice = compileSlice(input.start, input.end - input.start + 1, source.params.length);
  const pageParams = [...source.params, ...slice.params];
  // The page carries its total where that saves a statement: a total the database keeps (read
  // once in the page's statement), or a source other than the table (read once for both).
  const withTotal = input.from
    ? ({ window: true } as const)
    : input.keptTotal && !deferred
      ? { kept: input.keptTotal }
      : undefined;
  if (withTotal) {
    const page = pageStatement({ ...input, source, slice, deferred, withTotal });
    const raw = await runStatement(tx, page.text, pageParams, (rows) => rows);
    const rows = page.mapRows(raw) as T[];
    // A page past the end has no row to carry it: then it is read or counted on its own.
    const total =
      raw.length > 0
        ? Number(raw[0]![page.totalAt!])
        : input.keptTotal
          ? await keptTotalOf(tx, input.keptTotal)
          : await totalOf({ ...input, source });
    return { rows, total };
  }
  const page = pageStatement({ ...input, source, slice, deferred });
  // Both go out at once: the driver pipelines them on the transaction's one connection.
  const [rows, total] = await Promise.all([
    runStatement(tx, page.text, pageParams, page.mapRows),
    input.keptTotal ? keptTotalOf(tx, input.keptTotal) : totalOf({ ...input, source }),
  ]);
  return { rows: rows as T[], total };
}

async function totalOf(input: {
  tx: Db;
  scope: TenantScope;
  source: ListSource;
  estimates?: TotalEstimates;
}): Promise<number> {
  const { tx, source, estimates } = input;
  const statements = totalStatements(source);
  const { params } = source;
  const tenant = input.scope.kind === "partner" ? input.scope.partnerId : "platform";
  const key = `${tenant}\u0000${statements.estimate}\u0000${JSON.stringify(params)}`;
  // The planner's estimate costs a fraction of a millisecond whatever the table's size; only
  // when it says the answer is small do we pay for counting (and then never past the cap).
  // A remembered estimate also lets the count leave together with the page, without waiting.
  const remembered = estimates?.get(key);
  const estimate = remembered ?? (await runStatement(tx, statements.estimate, params, planRows));
  if (remembered === undefined) estimates?.set(key, estimate);
  if (estimate > EXACT_COUNT_LIMIT * 2) return estimate;
  const exact = await runStatement(tx, statements.count, [...params, EXACT_COUNT_LIMIT + 1], (rows) =>
    Number(rows[0]?.[0] ?? 0),
  );
  return exact <= EXACT_COUNT_LIMIT ? exact : Math.max(estimate, exact);
}

const keptTotalTexts = new WeakMap<SQL, CompiledWhere>();

function keptTotalOf(tx: Db, statement: SQL): Promise<number> {
  let compiled = keptTotalTexts.get(statement);
  if (!compiled) {
    compiled = compileWhere(statement);
    keptTotalTexts.set(statement, compiled);
  }
  return runStatement(tx, compiled!.sql, compiled!.params, (rows) => Number(rows[0]?.[0] ?? 0));
}

function planRows(rows: unknown[][]): number {
  let doc = rows[0]?.[0];
  if (typeof doc === "string") doc = JSON.parse(doc);
  const planned = (doc as { Plan?: { "Plan Rows"?: number } }[])[0]?.Plan?.["Plan Rows"];
  return Math.round(planned ?? 0);
}

export function contentRange(
  resource: string,
  start: number,
  count: number,
  total: number,
): Record<string, string> {
  const range = count > 0 ? `${start}-${start + count - 1}` : "*";
  return { "Content-Range": `${resource} ${range}/${total}` };
}
