import { Readable } from "node:stream";
import { stringify } from "csv-stringify";
import { sql } from "drizzle-orm";
import type { Response } from "express";
import { ZipFile } from "yazl";
import { recordAudit } from "../audit/record-audit.js";
import { inTenantTransaction } from "../db/tenant.js";
import type { AppDeps, StaffContext } from "../http/context.js";
import { drained, UTF8_BOM } from "../reports/csv-output.js";
import { attachment } from "../reports/export-report.js";
import { inTenantSnapshot, type ReportSource } from "../reports/report-source.js";
import { archiveReadme } from "./archive-readme.js";
import { type ArchiveTable, archiveTables } from "./archive-tables.js";

/** The archive's layout version, read by the restore command. */
export const ARCHIVE_FORMAT = 1;

const ident = (name: string) => sql.raw(`"${name.replace(/"/g, '""')}"`);

/** A table's rows of this partner as CSV, every value as PostgreSQL's own text for it. */
function tableCsv(
  source: ReportSource,
  table: ArchiveTable,
  partnerId: number,
  counted: (n: number) => void,
) {
  const columns = sql.join(
    table.columns.map((c) => sql`${ident(c.name)}::text`),
    sql`, `,
  );
  const owner = table.name === "partners" ? sql`id` : sql`partner_id`;
  const order = table.columns.some((c) => c.name === "id") ? sql`order by id` : sql``;
  async function* lines() {
    let n = 0;
    for await (const batch of source.rows(
      sql`select ${columns} from ${ident(table.name)} where ${owner} = ${partnerId}::int ${order}`,
    )) {
      n += batch.length;
      yield* batch;
    }
    counted(n);
  }
  // NULL is an empty field and empty text a quoted one (""), as in PostgreSQL's own CSV, so the
  // restore tells them apart.
  const csv = stringify({
    header: true,
    columns: table.columns.map((c) => c.name),
    bom: true,
    cast: { string: (value) => (value === "" ? { value: "", quoted_empty: true } : value) },
  });
  return Readable.from(lines()).pipe(csv);
}

/**
 * Streams the whole of a partner's data as one ZIP (SPEC §3, issue 11 §3): every table as CSV
 * (UTF-8 with BOM), the stored PDFs (sealed contracts, installation receipts, quotes) as files,
 * a README describing the columns and a manifest the restore command reads. One snapshot, so the
 * tables agree with each other; written entry by entry, so memory stays flat.
 */
export async function exportArchive(input: {
  deps: AppDeps;
  ctx: StaffContext;
  res: Response;
}): Promise<void> {
  const { deps, ctx, res } = input;
  const partnerId = ctx.actor.partnerId!;
  const today = ctx.clock.today();
  const counts: Record<string, number> = {};
  let documents = 0;
  let complete = false;
  try {
    await inTenantSnapshot(deps.database, ctx.scope, async (source) => {
      const tables = await archiveTables(source.tx);
      const [partner] = await source.tx
        .execute(sql`select slug from partners where id = ${partnerId}::int`)
        .then((r) => (Array.isArray(r) ? r : ((r as { rows: unknown[] }).rows ?? [])) as { slug: string }[]);
      const zip = new ZipFile();
      res.status(200);
      res.setHeader("Content-Type", "application/zip");
      res.setHeader(
        "Content-Disposition",
        attachment(`ssp-${partner?.slug ?? partnerId}-${today}.zip`, `SSP 데이터_${today}.zip`),
      );
      res.setHeader("Cache-Control", "no-store");
      const finished = new Promise<void>((resolve, reject) => {
        zip.outputStream.on("error", reject);
        res.on("close", () => (res.writableFinished ? resolve() : reject(new Error("the client went away"))));
      });
      zip.outputStream.pipe(res);
      for (const table of tables) {
        const csv = tableCsv(source, table, partnerId, (n) => {
          counts[table.name] = n;
        });
        const done = new Promise((resolve, reject) => {
          csv.on("end", resolve);
          csv.on("error", reject);
        });
        zip.addReadStream(csv, `tables/${table.name}.csv`);
        await done;
      }
      for await (const batch of source.rows(
        sql`select id, kind, bytes from documents where partner_id = ${partnerId}::int order by id`,
      )) {
        for (const [id, kind, bytes] of batch as [number, string, Uint8Array][]) {
          zip.addBuffer(Buffer.from(bytes), `documents/${id}-${kind}.pdf`, { compress: false });
          documents++;
        }
        await drained(res);
      }
      const manifest = { format: ARCHIVE_FORMAT, partnerId, exportedOn: today, tables, counts, documents };
      zip.addBuffer(Buffer.from(JSON.stringify(manifest, null, 2)), "manifest.json");
      zip.addBuffer(Buffer.from(UTF8_BOM + archiveReadme(manifest)), "README.md");
      zip.end();
      await finished;
      complete = true;
    });
  } catch (error) {
    if (!res.headersSent) throw error;
    res.destroy();
  } finally {
    if (res.headersSent)
      await inTenantTransaction(deps.database.db, ctx.scope, (tx) =>
        recordAudit(
          { tx, actor: ctx.actor, ip: ctx.ip },
          {
            entity: "data-export",
            entityId: partnerId,
            action: "export",
            partnerId,
            after: { counts, documents, complete },
          },
        ),
      );
  }
}
