import type { Writable } from "node:stream";
import { setImmediate } from "node:timers/promises";
import type ExcelJS from "exceljs";
import { drained, drainOrClose } from "./csv-output.js";
import {
  type ColumnType,
  exactNumber,
  headerOf,
  type ReportColumn,
  type ReportLanguage,
} from "./report-columns.js";

/** One style object per column type, shared by every cell: exceljs then resolves it once. */
const STYLES: Record<ColumnType, Partial<ExcelJS.Style>> = {
  text: {},
  id: { numFmt: "0" },
  count: { numFmt: "#,##0" },
  won: { numFmt: "#,##0" },
  date: { numFmt: "yyyy-mm-dd" },
  datetime: { numFmt: "yyyy-mm-dd hh:mm:ss" },
  rate: { numFmt: "0.0%" },
};
const WIDTHS: Record<ColumnType, number> = {
  text: 18,
  id: 9,
  count: 10,
  won: 14,
  date: 12,
  datetime: 20,
  rate: 9,
};
const HEADER_STYLE: Partial<ExcelJS.Style> = {
  font: { bold: true },
  fill: { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8EEF7" } },
};

/**
 * A Seoul calendar date or wall-clock time (`YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS`, as the reports
 * write them) as the date serial Excel shows unchanged. Read by position: a million rows carry
 * five of them each.
 */
function excelDate(text: string): Date {
  return new Date(
    Date.UTC(
      Number(text.slice(0, 4)),
      twoDigits(text, 5) - 1,
      twoDigits(text, 8),
      twoDigits(text, 11),
      twoDigits(text, 14),
      twoDigits(text, 17),
    ),
  );
}

/** The two digits at `from`, or 0 past the end (a date has no time). */
function twoDigits(text: string, from: number): number {
  return text.length > from ? Number(text.slice(from, from + 2)) : 0;
}

function cellValue(type: ColumnType, value: unknown): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  switch (type) {
    case "id":
    case "count":
    case "won":
      return exactNumber(value);
    case "rate":
      return Number(value);
    case "date":
    case "datetime":
      return excelDate(String(value));
    default:
      return String(value);
  }
}

/**
 * Rows made between two turns of the event loop (~15 ms of work at the 27–30 µs a row exceljs
 * took on 200,000 rows standalone, session 11): in a turn the driver sends the request for the
 * next batch, which PostgreSQL then makes while these rows are written, and the zip takes what
 * the deflater has finished and hands it more.
 */
const ROWS_BETWEEN_TURNS = 500;

/**
 * How much of the sheet may wait for the zip: enough to keep the deflater busy while rows are
 * made. 8 MB and 16 MB took the same time at a million rows (36.6–36.9 s); 8 MB peaked 7–11 MB
 * lower (BENCHMARKS.md, session 11).
 */
const SHEET_BACKLOG_BYTES = 8 * 1024 * 1024;

/**
 * Waits, when more than SHEET_BACKLOG_BYTES of the sheet wait for the zip, until the zip has
 * taken them. exceljs writes the sheet's XML in 64 KB pieces into the stream archiver reads the
 * zip entry from (a readable-stream v2 PassThrough, `sheet.stream.pipes[0]`), ignoring what
 * `write` answers; at a million rows 1 GB piled up there while the zip was busy with an earlier
 * entry or deflating behind. Waiting whenever anything was pending (its 16 KB high-water mark)
 * kept memory flat but left the deflater idle between batches (a million rows in 52.1 s, against
 * 41.2 s with a 16 MB bound, session 8).
 */
async function sheetTaken(sheet: ExcelJS.Worksheet): Promise<void> {
  const entry = (sheet as unknown as { stream?: { pipes?: Writable[] } }).stream?.pipes?.[0];
  const state = (entry as unknown as { _writableState?: { length?: number } } | undefined)?._writableState;
  if (entry && (state?.length ?? 0) > SHEET_BACKLOG_BYTES && !entry.destroyed) await drainOrClose(entry);
}

/**
 * XLSX through exceljs's streaming WorkbookWriter: typed number and date cells, the won number
 * format, a frozen bold header row and column widths. Rows are committed as they come and the
 * writer's output is awaited like any other write, so memory stays flat.
 */
export async function writeXlsx(input: {
  out: Writable;
  sheetName: string;
  columns: readonly ReportColumn[];
  lang: ReportLanguage;
  batches: AsyncIterable<unknown[][]>;
}): Promise<number> {
  const { out, columns } = input;
  // Loaded for the first XLSX, not at start-up (see documents/fonts.ts for what that saved).
  const { default: Excel } = await import("exceljs");
  const workbook = new Excel.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(input.sheetName.slice(0, 31), {
    views: [{ state: "frozen", ySplit: 1 }],
  });
  sheet.columns = columns.map((c) => ({ key: c.key, width: c.width ?? WIDTHS[c.type] }));
  const header = sheet.addRow(columns.map((c) => headerOf(c, input.lang)));
  header.eachCell((cell) => {
    cell.style = HEADER_STYLE;
  });
  header.commit();
  const styles = columns.map((c) => STYLES[c.type]);
  let rows = 0;
  for await (const batch of input.batches) {
    for (let n = 0; n < batch.length; n++) {
      const row = sheet.addRow(batch[n]!.map((v, i) => cellValue(columns[i]!.type, v)));
      for (let i = 0; i < styles.length; i++) row.getCell(i + 1).style = styles[i]!;
      row.commit();
      if (n % ROWS_BETWEEN_TURNS === ROWS_BETWEEN_TURNS - 1) await setImmediate();
    }
    rows += batch.length;
    // exceljs writes into the response on its own; wait whenever the client lags behind, and
    // whenever the zip lags behind exceljs.
    await drained(out);
    await sheetTaken(sheet);
  }
  sheet.commit();
  await workbook.commit();
  return rows;
}
