import { type DashboardSection, dashboardSections, ratio } from "@ssp/domain";
import { addMonths, endOfMonth, format, parseISO } from "date-fns";
import { and, between, eq, sql } from "drizzle-orm";
import { type Db, rowsOf } from "../db/client.js";
import { metricMonths } from "../db/schema/index.js";
import type { StaffContext } from "../http/context.js";
import { REPORT_SETTINGS } from "../reports/report-source.js";
import { type MonthFigures, monthFigures } from "./month-figures.js";

const iso = (d: Date) => format(d, "yyyy-MM-dd");

/** The months of a series: first day, last day counted (today for the running month), closed. */
export function seriesMonths(input: { from: string; to: string; today: string }) {
  const months = [];
  for (let m = parseISO(`${input.from}-01`); format(m, "yyyy-MM") <= input.to; m = addMonths(m, 1)) {
    const last = iso(endOfMonth(m));
    months.push({
      month: format(m, "yyyy-MM"),
      from: iso(m),
      to: last < input.today ? last : input.today,
      closed: last < input.today,
    });
  }
  return months;
}

/**
 * Figures per month: a closed month's from `metric_months` (kept by the daily `metrics` job, or
 * computed the first time it is asked for, then kept unchanged), the running month's computed
 * now, up to today.
 */
async function figuresFor(ctx: StaffContext, partnerId: number, months: ReturnType<typeof seriesMonths>) {
  return closedAndRunningMonths(ctx.tx, { partnerId, months, today: ctx.clock.today() });
}

/** Each month's figures, a closed one read from (or, the first time, written to) `metric_months`. */
export async function closedAndRunningMonths(
  tx: Db,
  input: { partnerId: number; months: ReturnType<typeof seriesMonths>; today: string },
): Promise<MonthFigures[]> {
  const { partnerId, months } = input;
  const stored = new Map(
    (
      await tx
        .select()
        .from(metricMonths)
        .where(
          and(
            eq(metricMonths.partnerId, partnerId),
            between(metricMonths.month, months[0]!.from, months[months.length - 1]!.from),
          ),
        )
    ).map((r) => [r.month, r.figures as MonthFigures]),
  );
  const result: MonthFigures[] = [];
  if (months.some((m) => !stored.has(m.from))) await tx.execute(REPORT_SETTINGS);
  for (const m of months) {
    let figures = stored.get(m.from);
    if (!figures) {
      figures = await monthFigures(tx, { partnerId, from: m.from, to: m.to, today: input.today });
      if (m.closed)
        await tx.insert(metricMonths).values({ partnerId, month: m.from, figures }).onConflictDoNothing();
    }
    result.push(figures);
  }
  return result;
}

/**
 * The daily `metrics` job: the closed months of the last year that are not kept yet are computed
 * and kept, so that no one opening the dashboard waits for a year of history (at a million
 * contracts a month takes seconds). Idempotent: a month kept is never computed again.
 */
export async function keepClosedMonths(
  tx: Db,
  input: { partnerId: number; today: string },
): Promise<{ months: number }> {
  const thisMonth = input.today.slice(0, 7);
  const from = format(addMonths(parseISO(`${thisMonth}-01`), -12), "yyyy-MM");
  const closed = seriesMonths({ from, to: thisMonth, today: input.today }).filter((m) => m.closed);
  const kept = await tx
    .select({ month: metricMonths.month })
    .from(metricMonths)
    .where(
      and(
        eq(metricMonths.partnerId, input.partnerId),
        between(metricMonths.month, closed[0]!.from, closed.at(-1)!.from),
      ),
    );
  const missing = closed.filter((m) => !kept.some((k) => k.month === m.from));
  if (missing.length > 0)
    await closedAndRunningMonths(tx, { partnerId: input.partnerId, months: missing, today: input.today });
  return { months: missing.length };
}

/** What a section shows of a month's figures. */
function view(section: DashboardSection, f: MonthFigures) {
  switch (section) {
    case "money":
      return {
        mrr: f.mrr,
        billed: f.billed,
        collected: f.collected,
        collectionRate: ratio(f.collected, f.billed),
        aging: f.aging,
      };
    case "contracts":
      return {
        activeContracts: f.activeContracts,
        newContracts: f.newContracts,
        endedContracts: f.endedContracts,
        churnRate: ratio(f.endedContracts, f.activeAtStart),
      };
    case "assets":
      return { utilization: ratio(f.installedAssets, f.heldAssets) };
    case "funnel":
      return { approvalRate: ratio(f.approvedChecks, f.decidedChecks) };
    default:
      return {};
  }
}

const QUEUE_STATUSES = [
  "received",
  "credit_review",
  "credit_approved",
  "contract_sent",
  "contract_signed",
  "ready_to_install",
] as const;

/** The dashboard for the caller's role: monthly series of what it may see, and its queues. */
export async function dashboard(ctx: StaffContext, input: { from: string; to: string }) {
  const today = ctx.clock.today();
  const sections = dashboardSections(ctx.actor.role);
  const partnerId = ctx.actor.partnerId;
  const months = seriesMonths({ ...input, today });
  const series = sections.filter((s) => s !== "queues" && s !== "myWork");
  const figures = partnerId !== null && series.length > 0 ? await figuresFor(ctx, partnerId, months) : [];
  const body: Record<string, unknown> = {
    today,
    sections,
    months: months.map((m, i) => ({
      month: m.month,
      from: m.from,
      to: m.to,
      closed: m.closed,
      ...Object.assign({}, ...series.map((s) => view(s, figures[i]!))),
    })),
  };
  if (sections.includes("queues") && partnerId !== null) {
    const rows = rowsOf<{ status: string; n: number }>(
      await ctx.tx.execute(sql`select status, count(*)::int as n from orders
        where partner_id = ${partnerId}::int and status in ${sql.raw(`(${QUEUE_STATUSES.map((s) => `'${s}'`).join(", ")})`)}
        group by status`),
    );
    body.queues = Object.fromEntries(
      QUEUE_STATUSES.map((s) => [s, rows.find((r) => r.status === s)?.n ?? 0]),
    );
  }
  if (sections.includes("myWork")) {
    const [mine] = rowsOf<{ today: number; upcoming: number; installed: number }>(
      await ctx.tx.execute(sql`select
        count(*) filter (where status = 'scheduled' and scheduled_on = ${today}::date)::int as today,
        count(*) filter (where status = 'scheduled' and scheduled_on > ${today}::date)::int as upcoming,
        count(*) filter (where installed_on between ${months[months.length - 1]!.from}::date and ${today}::date)::int as installed
        from deliveries where technician_id = ${ctx.actor.userId}::int`),
    );
    body.myWork = mine;
  }
  return body;
}
