import type { EventEmitter } from "node:events";
import type { Readable, Writable } from "node:stream";
import { stringify } from "csv-stringify/sync";
import { headerOf, type ReportColumn, type ReportLanguage } from "./report-columns.js";

/** Excel reads a UTF-8 CSV as UTF-8 only when it starts with the byte order mark. */
export const UTF8_BOM = "\uFEFF";

/** Waits until the client has taken what was written; fails once it has gone away. */
export async function drained(out: Writable): Promise<void> {
  if (out.writableNeedDrain && !out.destroyed) await drainOrClose(out);
  if (out.destroyed) throw new ClientGone();
}

/** The stream's next `drain` or its `close`, whichever comes first; no listener is left behind. */
export function drainOrClose(stream: EventEmitter): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off("drain", done);
      stream.off("close", done);
      resolve();
    };
    stream.once("drain", done);
    stream.once("close", done);
  });
}

export class ClientGone extends Error {
  constructor() {
    super("the client went away");
  }
}

/** Writes and waits when the client has not taken the last chunk yet: memory stays flat. */
export async function writeWithBackpressure(out: Writable, chunk: string | Buffer): Promise<void> {
  if (out.destroyed) throw new ClientGone();
  out.write(chunk);
  await drained(out);
}

export async function writeCsvHeader(out: Writable, columns: readonly ReportColumn[], lang: ReportLanguage) {
  await writeWithBackpressure(out, UTF8_BOM + stringify([columns.map((c) => headerOf(c, lang))]));
}

/**
 * Rows as CSV through csv-stringify. Values come from the report SQL already as text, integers
 * or exact sums, so nothing is reformatted on the way (the same text PostgreSQL's COPY writes).
 */
export async function writeCsvRows(out: Writable, batches: AsyncIterable<unknown[][]>): Promise<number> {
  let rows = 0;
  for await (const batch of batches) {
    rows += batch.length;
    await writeWithBackpressure(out, stringify(batch));
  }
  return rows;
}

/**
 * PostgreSQL's own CSV (COPY … TO STDOUT) to the client. Report SQL turns line breaks in free
 * text into spaces, so each record is exactly one line and counting line feeds counts rows.
 */
export async function pipeCopyCsv(out: Writable, copy: Readable): Promise<number> {
  let rows = 0;
  try {
    for await (const chunk of copy as AsyncIterable<Buffer>) {
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) rows++;
      await writeWithBackpressure(out, chunk);
    }
  } finally {
    if (!copy.destroyed) copy.destroy();
  }
  return rows;
}
