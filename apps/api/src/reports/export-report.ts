import type { Response } from "express";
import { recordAudit } from "../audit/record-audit.js";
import { inTenantTransaction } from "../db/tenant.js";
import type { AppDeps, StaffContext } from "../http/context.js";
import { ClientGone, pipeCopyCsv, writeCsvHeader, writeCsvRows } from "./csv-output.js";
import type { ReportDefinition } from "./report-definition.js";
import { inTenantSnapshot } from "./report-source.js";
import type { ReportFormat, TReportQuery } from "./reports.schemas.js";
import { writeXlsx } from "./xlsx-output.js";

const CONTENT_TYPES: Record<ReportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** `attachment` with an ASCII name and the Korean one (RFC 6266 / 5987) for browsers that read it. */
export function attachment(asciiName: string, name: string): string {
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * Streams one report to the response and then writes its audit row: who, which report, which
 * period and filter, how many rows (and whether the client took all of them). The rows come from
 * one snapshot; CSV on PostgreSQL is PostgreSQL's own COPY, everything else a server-side cursor.
 */
export async function exportReport(input: {
  deps: AppDeps;
  ctx: StaffContext;
  res: Response;
  report: ReportDefinition;
  format: ReportFormat;
  query: TReportQuery;
  filter: Record<string, unknown>;
}): Promise<void> {
  const { deps, ctx, res, report, format, query } = input;
  const sqlInput = {
    partnerId: ctx.actor.partnerId!,
    from: query.from,
    to: query.to,
    today: ctx.clock.today(),
    filter: input.filter,
    lang: query.lang,
  };
  const name = `${report.name}_${query.from}_${query.to}.${format}`;
  const title = `${query.lang === "en" ? report.title.en : report.title.ko}_${query.from}_${query.to}.${format}`;
  let rows = 0;
  const audit = (complete: boolean) =>
    inTenantTransaction(deps.database.db, ctx.scope, (tx) =>
      recordAudit(
        { tx, actor: ctx.actor, ip: ctx.ip },
        {
          entity: "reports",
          entityId: report.name,
          action: "export",
          partnerId: ctx.actor.partnerId,
          after: {
            report: report.name,
            format,
            from: query.from,
            to: query.to,
            filter: input.filter,
            rows,
            complete,
          },
        },
      ),
    );
  try {
    await inTenantSnapshot(deps.database, ctx.scope, async (source) => {
      const statement = report.query(sqlInput);
      // Ask PostgreSQL first: a query that fails does so before any byte goes out (a JSON error).
      const copy = format === "csv" && source.canCopy ? await source.copyCsv(statement) : undefined;
      const batches = copy ? undefined : await primed(source.rows(statement));
      res.status(200);
      res.setHeader("Content-Type", CONTENT_TYPES[format]);
      res.setHeader("Content-Disposition", attachment(name, title));
      res.setHeader("Cache-Control", "no-store");
      res.setHeader("X-Content-Type-Options", "nosniff");
      if (format === "csv") {
        await writeCsvHeader(res, report.columns, query.lang);
        rows = copy ? await pipeCopyCsv(res, copy) : await writeCsvRows(res, batches!);
      } else {
        rows = await writeXlsx({
          out: res,
          sheetName: query.lang === "en" ? report.title.en : report.title.ko,
          columns: report.columns,
          lang: query.lang,
          batches: batches!,
        });
      }
    });
  } catch (error) {
    if (!res.headersSent) throw error;
    // Past the first byte there is no JSON error to send: the download breaks off, and the audit
    // row says how far it got.
    if (!(error instanceof ClientGone)) console.error(`report ${report.name} failed after ${rows} rows`);
    res.destroy();
    await audit(false);
    return;
  }
  // Recorded before the last byte, so whoever holds the whole file finds its audit row.
  await audit(true);
  res.end();
}

/** Runs the query up to its first batch, so that a failing query fails before the headers go. */
async function primed<T>(rows: AsyncGenerator<T>): Promise<AsyncIterable<T>> {
  const first = await rows.next();
  return {
    async *[Symbol.asyncIterator]() {
      if (first.done) return;
      yield first.value;
      yield* rows;
    },
  };
}
