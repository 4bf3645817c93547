import { Readable } from "node:stream";
import { parse } from "csv-parse";
import type ExcelJS from "exceljs";

/** The columns an asset file may have, each under its English or Korean header. */
export const IMPORT_COLUMNS = [
  "serialNumber",
  "product",
  "acquiredOn",
  "acquisitionCost",
  "usefulLifeMonths",
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
export const REQUIRED_COLUMNS: readonly ImportColumn[] = [
  "serialNumber",
  "product",
  "acquiredOn",
  "acquisitionCost",
];

const HEADER_ALIASES: Record<ImportColumn, string[]> = {
  serialNumber: ["serialnumber", "serial", "serialno", "시리얼번호", "시리얼", "일련번호", "제조번호"],
  product: ["product", "sku", "model", "productname", "제품", "제품명", "모델", "모델명"],
  acquiredOn: ["acquiredon", "acquired", "acquisitiondate", "취득일", "취득일자", "입고일"],
  acquisitionCost: ["acquisitioncost", "cost", "취득원가", "취득가", "취득가액", "매입가"],
  usefulLifeMonths: ["usefullifemonths", "usefullife", "내용연수", "내용연수월", "내용연수(월)"],
};

function normaliseHeader(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[\s_\-.]/g, "");
}

const BY_ALIAS = new Map<string, ImportColumn>(
  IMPORT_COLUMNS.flatMap((column) =>
    HEADER_ALIASES[column].map((a) => [normaliseHeader(a), column] as const),
  ),
);

/** One data row of the file: its line (1 is the header) and its cells by column. */
export interface ImportRow {
  line: number;
  cells: Partial<Record<ImportColumn, string>>;
}

/** Why a file cannot be read at all (not a row's fault): the import answers 422 with this. */
export class UnreadableFile extends Error {
  constructor(
    readonly reason: "missing_columns" | "unreadable_file" | "too_large",
    message: string,
    readonly columns?: string[],
  ) {
    super(message);
  }
}

/** Maps a header row to the column of each position; refuses a file missing a required column. */
function headerMap(header: string[]): (ImportColumn | undefined)[] {
  const map = header.map((h) => BY_ALIAS.get(normaliseHeader(h)));
  const missing = REQUIRED_COLUMNS.filter((c) => !map.includes(c));
  if (missing.length > 0)
    throw new UnreadableFile(
      "missing_columns",
      `The first row must name the columns; missing: ${missing.join(", ")}`,
      missing,
    );
  return map;
}

function rowOf(line: number, map: (ImportColumn | undefined)[], values: string[]): ImportRow | undefined {
  const cells: Partial<Record<ImportColumn, string>> = {};
  let any = false;
  map.forEach((column, i) => {
    const value = (values[i] ?? "").trim();
    if (value !== "") any = true;
    if (column) cells[column] = value;
  });
  // Blank lines (a trailing newline, an emptied spreadsheet row) are not rows.
  return any ? { line, cells } : undefined;
}

/** The rows of a CSV file (UTF-8, with or without BOM), read as they stream in. */
export async function* csvRows(input: Readable): AsyncGenerator<ImportRow> {
  const parser = input.pipe(
    parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: true }),
  );
  let map: (ImportColumn | undefined)[] | undefined;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      if (!map) {
        map = headerMap(record);
        continue;
      }
      const row = rowOf(info.lines, map, record);
      if (row) yield row;
    }
  } catch (error) {
    if (error instanceof UnreadableFile) throw error;
    const at = (error as { lines?: number }).lines;
    throw new UnreadableFile(
      "unreadable_file",
      `The CSV file is malformed${at ? ` near line ${at}` : ""}: ${(error as Error).message}`,
    );
  }
  if (!map) throw new UnreadableFile("missing_columns", "The file is empty", [...REQUIRED_COLUMNS]);
}

/** A spreadsheet cell as the text a person sees (dates as YYYY-MM-DD). */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("result" in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
    if ("text" in value) return String(value.text);
    if ("error" in value) return "";
    return "";
  }
  return String(value);
}

/** The rows of the first worksheet of an XLSX file, read as they stream in. */
export async function* xlsxRows(input: Readable): AsyncGenerator<ImportRow> {
  // Loaded for the first XLSX, not at start-up (see documents/fonts.ts for what that saved).
  const { default: Excel } = await import("exceljs");
  const reader = new Excel.stream.xlsx.WorkbookReader(input, {
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "cache",
    worksheets: "emit",
    entries: "emit",
  });
  let map: (ImportColumn | undefined)[] | undefined;
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        // row.values is 1-based (index 0 unused).
        const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText);
        if (!map) {
          if (values.every((v) => v.trim() === "")) continue;
          map = headerMap(values);
          continue;
        }
        const parsed = rowOf(row.number, map, values);
        if (parsed) yield parsed;
      }
      break; // only the first worksheet
    }
  } catch (error) {
    if (error instanceof UnreadableFile) throw error;
    throw new UnreadableFile("unreadable_file", "The file is not a readable XLSX workbook");
  }
  if (!map) throw new UnreadableFile("missing_columns", "The file is empty", [...REQUIRED_COLUMNS]);
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/**
 * The rows of an uploaded file, CSV or XLSX (told apart by its first bytes, not its name), with
 * the upload capped at `maxBytes`. Nothing is buffered beyond what the parsers hold.
 */
export async function* importRows(body: AsyncIterable<Buffer>, maxBytes: number): AsyncGenerator<ImportRow> {
  const iterator = body[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done || first.value.length === 0)
    throw new UnreadableFile("missing_columns", "The file is empty", [...REQUIRED_COLUMNS]);
  let seen = 0;
  const counted = async function* () {
    let chunk: Buffer = first.value;
    for (;;) {
      seen += chunk.length;
      if (seen > maxBytes)
        throw new UnreadableFile(
          "too_large",
          `The file is larger than ${Math.floor(maxBytes / 1_048_576)} MB`,
        );
      yield chunk;
      const next = await iterator.next();
      if (next.done) return;
      chunk = next.value;
    }
  };
  const isZip = ZIP_MAGIC.every((b, i) => first.value[i] === b);
  const stream = Readable.from(counted(), { objectMode: false });
  try {
    yield* isZip ? xlsxRows(stream) : csvRows(stream);
  } catch (error) {
    // The byte cap fails inside the parser's input; report it as itself.
    if (seen > maxBytes)
      throw new UnreadableFile("too_large", `The file is larger than ${Math.floor(maxBytes / 1_048_576)} MB`);
    throw error;
  } finally {
    stream.destroy();
  }
}
