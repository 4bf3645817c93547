import { type Column, getTableColumns, getViewSelectedFields, is, type SQL, sql } from "drizzle-orm";
import { type PgColumn, PgDialect, PgView } from "drizzle-orm/pg-core";
import type { Listable } from "../db/scoped.js";
import { remember } from "../shared/remember.js";

export type { Listable };

/**
 * The SQL text of a list's page, estimate and capped count, written once per list shape
 * (table, sort, direction, the text of the filter) instead of being rebuilt by the query
 * builder on every request. The same text each time lets the driver keep it as a prepared
 * statement per connection: after the first request a statement is one Bind/Execute, with
 * nothing to parse, and it goes out pipelined behind the tenant settings (db/tenant.ts).
 * Only the filter's parameters change between requests.
 */
export interface PageStatement {
  /** The page's rows in order. Params: filter…, then the slice's. */
  text: string;
  /**
   * Driver rows (arrays, in select-list order) → the row objects the query builder returns,
   * less generated columns.
   */
  mapRows: (rows: unknown[][]) => Record<string, unknown>[];
  /** With `withTotal`: where in each driver row the total is. */
  totalAt?: number;
}

export interface TotalStatements {
  /** `EXPLAIN (FORMAT JSON)` of the filtered rows. Params: filter…. */
  estimate: string;
  /** Counts at most `limit` rows. Params: filter…, limit. */
  count: string;
}

/**
 * A page's LIMIT/OFFSET: the text (placeholders numbered after the source's parameters) and the
 * parameters it leaves, decided once so that the two always agree.
 */
export interface CompiledSlice {
  text: string;
  params: number[];
}

/**
 * The admin's page sizes (react-admin's choices, and 25 for pickers). The first page of these is
 * written into the statement as `limit <size>`: PostgreSQL then plans it from the known size, and
 * after five executions on a connection keeps one generic plan for it instead of planning every
 * request (planning was half of the ticket inbox's database time: 0.2 ms against 0.18 to run).
 * With `limit $n` or `offset $n` a generic plan is costed for an unknown slice (a tenth of the
 * rows), so PostgreSQL plans such pages every time, as it did for all of them before. The set
 * is small on purpose: every distinct text is a prepared statement on each connection.
 */
const PLANNED_ONCE_SIZES = new Set([5, 10, 25, 50, 100]);

/** `size` rows from `start` on, after `paramsBefore` parameters of the source. */
export function compileSlice(start: number, size: number, paramsBefore: number): CompiledSlice {
  const params: number[] = [];
  let limit = String(size);
  if (!PLANNED_ONCE_SIZES.has(size)) {
    params.push(size);
    limit = `$${paramsBefore + params.length}`;
  }
  if (start === 0) return { text: `limit ${limit}`, params };
  params.push(start);
  return { text: `limit ${limit} offset $${paramsBefore + params.length}`, params };
}

/** A filter condition as SQL text with numbered placeholders, and its parameters. */
export type CompiledWhere = { sql: string; params: unknown[] } | undefined;

/**
 * Where a list's rows come from: what follows FROM (the table, or a set-returning function
 * named as the table, see ReadSpec.listFrom) with its WHERE, as text with numbered
 * placeholders, and the parameters.
 */
export interface ListSource {
  text: string;
  params: unknown[];
}

const dialect = new PgDialect();

export function compileWhere(where: SQL | undefined): CompiledWhere {
  return where ? dialect.sqlToQuery(where) : undefined;
}

export function compileSource(table: Listable, from: SQL | undefined, where: SQL | undefined): ListSource {
  if (!from) {
    const compiled = compileWhere(where);
    return { text: `${tableText(table).name}${whereClause(compiled)}`, params: compiled?.params ?? [] };
  }
  const query = dialect.sqlToQuery(where ? sql`${from} where ${where}` : from);
  return { text: query.sql, params: query.params };
}

function render(fragment: SQL): string {
  const query = dialect.sqlToQuery(fragment);
  if (query.params.length > 0) throw new Error(`list SQL must not take parameters here: ${query.sql}`);
  return query.sql;
}

interface TableText {
  name: string;
  id: string;
  columns: string;
  columnCount: number;
  mapRows: PageStatement["mapRows"];
}
const tableTexts = new WeakMap<Listable, TableText>();

function tableText(table: Listable): TableText {
  let text = tableTexts.get(table);
  if (text) return text;
  // Generated columns (the customers' `search` text) exist for indexes; a page never shows them.
  const fields = Object.entries(
    (is(table, PgView) ? getViewSelectedFields(table) : getTableColumns(table)) as Record<string, Column>,
  ).filter(([, column]) => !column.generated);
  const keys = fields.map(([key]) => key);
  const decoders = fields.map(([, column]) => column);
  text = {
    name: render(sql`${table}`),
    id: render(sql`${table.id}`),
    columns: fields.map(([, column]) => dialect.escapeName(column.name)).join(", "),
    columnCount: fields.length,
    // What drizzle's mapResultRow does for a plain select of one table, without its per-cell
    // type checks: null stays null, anything else goes through the column's decoder.
    mapRows: (rows) =>
      rows.map((row) => {
        const out: Record<string, unknown> = {};
        for (let i = 0; i < keys.length; i++) {
          const value = row[i];
          out[keys[i]!] = value === null ? null : decoders[i]!.mapFromDriverValue(value);
        }
        return out;
      }),
  };
  tableTexts.set(table, text);
  return text;
}

const sortTexts = new WeakMap<PgColumn | SQL, string>();
function sortText(sort: PgColumn | SQL): string {
  let text = sortTexts.get(sort);
  if (text === undefined) {
    text = render(sql`${sort}`);
    sortTexts.set(sort, text);
  }
  return text;
}

/** Enough for every list shape the admin produces; a runaway of distinct filters starts over. */
const MAX_SHAPES = 2_000;
const pages = new Map<string, PageStatement>();
const totals = new Map<string, TotalStatements>();

const whereClause = (where: CompiledWhere) => (where ? ` where ${where.sql}` : "");

/**
 * `deferred`: a "deferred join", the ids of the page first (from an index-only scan where the
 * sort has an index), then the full rows by id. It keeps deep pages cheap, because the rows
 * skipped by the offset are never read from the table, but costs a primary-key lookup per row
 * of the page. Without it the rows come straight from the scan, which is cheaper for the first
 * pages. Both give the same rows in the same order: (sort, id) is a total order.
 */
export function pageStatement(input: {
  table: Listable;
  sortColumn: PgColumn | SQL;
  descending: boolean;
  source: ListSource;
  /** From `compileSlice`, after the source's parameters. */
  slice: CompiledSlice;
  deferred: boolean;
  /**
   * Each row also carries the list's total, after the table's columns (one statement for page
   * and total): `kept`, a statement reading a total the database keeps (run once, as an init
   * plan; not with `deferred`), or `window`, the count of all the source's rows where the page's
   * ids are chosen (with `deferred`: a source costly to read twice, like a search function).
   */
  withTotal?: { window: true } | { kept: SQL };
  /** More values per row, by key: correlated subqueries PostgreSQL runs for the page's rows only. */
  extraColumns?: ExtraColumns;
}): PageStatement {
  const t = tableText(input.table);
  const order = sortText(input.sortColumn);
  const dir = input.descending ? "desc" : "asc";
  const { source, deferred, withTotal } = input;
  const extra = input.extraColumns ? extraText(input.extraColumns) : undefined;
  const kept = withTotal && "kept" in withTotal && !deferred ? `(${render(withTotal.kept)})` : undefined;
  const windowed = withTotal && "window" in withTotal && deferred;
  const slice = input.slice.text;
  const key = `${t.name}\u0000${order}\u0000${dir}\u0000${deferred}\u0000${kept ?? windowed}\u0000${source.text}\u0000${extra?.select ?? ""}\u0000${slice}`;
  return remember(pages, key, MAX_SHAPES, () => {
    const orderBy = `order by ${order} ${dir}, ${t.id} ${dir}`;
    const total = kept ?? (windowed ? "page.total" : undefined);
    const columns = [t.columns, total, extra?.select].filter((c) => c !== undefined).join(", ");
    let text: string;
    if (windowed)
      // The source's rows are counted (a window, before the limit) where the page's ids are chosen.
      text =
        `select ${columns} from ${t.name} join (select ${t.id} as page_id, count(*) over () as total ` +
        `from ${source.text} ${orderBy} ${slice}) page on ${t.id} = page.page_id ${orderBy}`;
    else if (deferred)
      text =
        `select ${columns} from ${t.name} where ${t.id} in ` +
        `(select ${t.id} from ${source.text} ${orderBy} ${slice}) ${orderBy}`;
    else text = `select ${columns} from ${source.text} ${orderBy} ${slice}`;
    return {
      text,
      mapRows: extra ? (rows) => extra.mapRows(rows, t.mapRows(rows)) : t.mapRows,
      totalAt: total ? t.columnCount : undefined,
    };
  });
}

/** A list's extra values per row (see ReadSpec.listColumns), each an SQL expression of the row. */
export type ExtraColumns = Record<string, SQL>;

const extraTexts = new WeakMap<
  ExtraColumns,
  {
    select: string;
    mapRows: (raw: unknown[][], rows: Record<string, unknown>[]) => Record<string, unknown>[];
  }
>();

function extraText(extra: ExtraColumns) {
  let text = extraTexts.get(extra);
  if (text) return text;
  const keys = Object.keys(extra);
  text = {
    select: keys.map((key) => `(${render(extra[key]!)})`).join(", "),
    // The extra values come after the table's columns, as the driver gives them.
    mapRows: (raw, rows) => {
      for (let r = 0; r < rows.length; r++) {
        const values = raw[r]!;
        const offset = values.length - keys.length;
        for (let i = 0; i < keys.length; i++) rows[r]![keys[i]!] = values[offset + i];
      }
      return rows;
    },
  };
  extraTexts.set(extra, text);
  return text;
}

export function totalStatements(source: ListSource): TotalStatements {
  const from = `from ${source.text}`;
  return remember(totals, source.text, MAX_SHAPES, () => ({
    estimate: `explain (format json) select 1 ${from}`,
    count: `select count(*)::int as n from (select 1 ${from} limit $${source.params.length + 1}) capped`,
  }));
}
