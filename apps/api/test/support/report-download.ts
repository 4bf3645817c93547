import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import type TestAgent from "supertest/lib/agent.js";

/** supertest collects a download as one Buffer. */
const binary = (res: NodeJS.ReadableStream, done: (e: Error | null, body: unknown) => void) => {
  const chunks: Buffer[] = [];
  res.on("data", (c: Buffer) => chunks.push(c));
  res.on("end", () => done(null, Buffer.concat(chunks)));
};

export function download(agent: TestAgent, path: string, query: Record<string, string>) {
  return agent
    .get(path)
    .query(query)
    .buffer(true)
    .parse(binary as unknown as Parameters<ReturnType<TestAgent["get"]>["parse"]>[0]);
}

/** A report's CSV parsed back by a real CSV parser: one object per row, keyed by header. */
export function csvRows(body: Buffer): Record<string, string>[] {
  return parse(body, { bom: true, columns: true, skip_empty_lines: true });
}

/** A report as CSV rows, asserting the download succeeded and starts with the UTF-8 BOM. */
export async function reportCsv(
  agent: TestAgent,
  name: string,
  query: Record<string, string>,
): Promise<Record<string, string>[]> {
  const res = await download(agent, `/api/reports/${name}.csv`, query);
  if (res.status !== 200) throw new Error(`${name}: ${res.status} ${(res.body as Buffer).toString()}`);
  const body = res.body as Buffer;
  if (body[0] !== 0xef || body[1] !== 0xbb || body[2] !== 0xbf) throw new Error(`${name}: no BOM`);
  return csvRows(body);
}

/** A report's XLSX opened with exceljs: header and rows as cell values. */
export async function reportXlsx(
  agent: TestAgent,
  name: string,
  query: Record<string, string>,
): Promise<{ header: string[]; rows: ExcelJS.CellValue[][]; sheet: ExcelJS.Worksheet }> {
  const res = await download(agent, `/api/reports/${name}.xlsx`, query);
  if (res.status !== 200) throw new Error(`${name}: ${res.status}`);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(res.body as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const values = (n: number) => (sheet.getRow(n).values as ExcelJS.CellValue[]).slice(1);
  const rows: ExcelJS.CellValue[][] = [];
  for (let n = 2; n <= sheet.actualRowCount; n++) rows.push(values(n));
  return { header: values(1).map(String), rows, sheet };
}

export const sumOf = (rows: Record<string, string>[], column: string) =>
  rows.reduce((s, r) => s + Number(r[column] || 0), 0);
