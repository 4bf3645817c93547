import { MAX_LEDGER_WON, text } from "@ssp/domain";
import { isValid, parseISO } from "date-fns";
import { recordAudit } from "../audit/record-audit.js";
import { ownerPartner } from "../db/scoped.js";
import type { StaffContext } from "../http/context.js";
import { AppError } from "../http/errors.js";
import {
  existingSerials,
  insertAssetBatch,
  type NewAsset,
  type ProductRef,
  partnerProducts,
} from "./assets.repository.js";
import { ZAssetInput } from "./assets.schemas.js";
import { type ImportRow, importRows, UnreadableFile } from "./import-rows.js";

/** Rows written per statement: large enough to be set-based, small enough to keep memory flat. */
export const IMPORT_BATCH_ROWS = 2_000;
/** The largest upload accepted (100,000 rows of CSV are about 5 MB). */
export const IMPORT_MAX_BYTES = 64 * 1_048_576;
/** Bad rows reported in full; past this only counted (the file has to be fixed anyway). */
export const IMPORT_MAX_REPORTED = 1_000;
const DEFAULT_USEFUL_LIFE_MONTHS = 60;

export type ImportReason =
  | "required"
  | "invalid_serial"
  | "unknown_product"
  | "ambiguous_product"
  | "invalid_date"
  | "future_date"
  | "invalid_amount"
  | "invalid_life"
  | "duplicate_in_file"
  | "duplicate_serial";

const MESSAGES: Record<ImportReason, string> = {
  required: "Required",
  invalid_serial: "Letters, digits and . _ / - only, at most 60 characters",
  unknown_product: "None of your products has this model or name",
  ambiguous_product: "Several of your products have this name; give the model instead",
  invalid_date: "Use a calendar date YYYY-MM-DD between 1900 and 2099",
  future_date: "The acquisition date is after today",
  invalid_amount: `Whole won, not negative, at most ${MAX_LEDGER_WON.toLocaleString("ko-KR")}`,
  invalid_life: "Whole months from 1 to 240",
  duplicate_in_file: "This serial number appears earlier in the file",
  duplicate_serial: "This serial number is already registered",
};

export interface ImportRowError {
  line: number;
  field: string;
  reason: ImportReason;
  message: string;
  value?: string;
}

/** Resolves a row's product by model (exact, ignoring case) or, failing that, by a unique name. */
function productResolver(products: ProductRef[]) {
  const byModel = new Map<string, number>();
  const byName = new Map<string, number[]>();
  for (const p of products) {
    byModel.set(p.model.trim().toLowerCase(), p.id);
    const key = p.name.trim().toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), p.id]);
  }
  return (text: string): number | ImportReason => {
    const key = text.trim().toLowerCase();
    const model = byModel.get(key);
    if (model !== undefined) return model;
    const named = byName.get(key) ?? [];
    if (named.length === 1) return named[0]!;
    return named.length > 1 ? "ambiguous_product" : "unknown_product";
  };
}

/** 2026-01-15, 2026.1.15 or 2026/01/15 as YYYY-MM-DD; undefined if not a date of 1900–2099. */
function isoDate(text: string): string | undefined {
  const m = /^(\d{4})[-./](\d{1,2})[-./](\d{1,2})\.?$/.exec(text.trim());
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2]!.padStart(2, "0")}-${m[3]!.padStart(2, "0")}`;
  if (!isValid(parseISO(iso)) || iso < "1900-01-01" || iso > "2099-12-31") return undefined;
  return iso;
}

/** "600,000", "600000원" or "600000" as won; undefined if not whole won in the ledger's range. */
function won(text: string): number | undefined {
  const digits = text.replace(/[,\s]/g, "").replace(/원$/, "");
  if (!/^\d{1,12}$/.test(digits)) return undefined;
  const n = Number(digits);
  return n <= MAX_LEDGER_WON ? n : undefined;
}

function checkRow(
  row: ImportRow,
  resolveProduct: (text: string) => number | ImportReason,
  today: string,
): { asset: NewAsset; errors: [] } | { asset: undefined; errors: ImportRowError[] } {
  const errors: ImportRowError[] = [];
  const fail = (field: string, reason: ImportReason, value?: string) =>
    errors.push({
      line: row.line,
      field,
      reason,
      message: MESSAGES[reason],
      ...(value ? { value: value.slice(0, 60) } : {}),
    });
  const c = row.cells;

  const serial = c.serialNumber ?? "";
  if (serial === "") fail("serialNumber", "required");
  else if (!ZAssetInput.shape.serialNumber.safeParse(serial).success)
    fail("serialNumber", "invalid_serial", serial);

  let productId: number | undefined;
  if (!c.product) fail("product", "required");
  else {
    const found = resolveProduct(c.product);
    if (typeof found === "number") productId = found;
    else fail("product", found, c.product);
  }

  const acquiredOn = c.acquiredOn ? isoDate(c.acquiredOn) : undefined;
  if (!c.acquiredOn) fail("acquiredOn", "required");
  else if (!acquiredOn) fail("acquiredOn", "invalid_date", c.acquiredOn);
  else if (acquiredOn > today) fail("acquiredOn", "future_date", c.acquiredOn);

  const cost = c.acquisitionCost ? won(c.acquisitionCost) : undefined;
  if (!c.acquisitionCost) fail("acquisitionCost", "required");
  else if (cost === undefined) fail("acquisitionCost", "invalid_amount", c.acquisitionCost);

  let life = DEFAULT_USEFUL_LIFE_MONTHS;
  if (c.usefulLifeMonths) {
    const n = /^\d{1,3}$/.test(c.usefulLifeMonths) ? Number(c.usefulLifeMonths) : 0;
    if (n < 1 || n > 240) fail("usefulLifeMonths", "invalid_life", c.usefulLifeMonths);
    else life = n;
  }

  if (errors.length > 0) return { asset: undefined, errors };
  return {
    asset: {
      productId: productId!,
      serialNumber: serial,
      acquiredOn: acquiredOn!,
      acquisitionCost: cost!,
      usefulLifeMonths: life,
    },
    errors: [],
  };
}

function unreadable(error: UnreadableFile): AppError {
  return new AppError(422, error.reason, error.message, undefined, {
    ...(error.columns ? { columns: error.columns } : {}),
  });
}

/**
 * Registers every asset of an uploaded CSV or XLSX file into stock, or none: each row is checked
 * (product of the partner by model or name, serial unique in the file and among the partner's
 * assets, date, cost, useful life) as the file streams in; good rows are written in set-based
 * batches with their intake events inside the request's transaction, and any bad row fails the
 * whole request with 422 and every bad row's line and reason — the transaction then rolls back.
 * One audit entry records the import.
 */
export async function importAssets(
  ctx: StaffContext,
  body: AsyncIterable<Buffer>,
  file: { name?: string } = {},
) {
  const partnerId = ownerPartner(ctx.scope);
  const today = ctx.clock.today();
  const resolveProduct = productResolver(await partnerProducts(ctx.tx, partnerId));
  const firstLine = new Map<string, number>();
  const errors: ImportRowError[] = [];
  let errorCount = 0;
  let badRows = 0;
  let imported = 0;
  let rows = 0;
  const report = (rowErrors: ImportRowError[]) => {
    badRows++;
    errorCount += rowErrors.length;
    for (const e of rowErrors) if (errors.length < IMPORT_MAX_REPORTED) errors.push(e);
  };

  let batch: { line: number; asset: NewAsset }[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const serials = batch.map((b) => b.asset.serialNumber);
    // Once a row failed nothing will be kept, so only look the rest up for the report.
    const taken = new Set(
      badRows === 0
        ? await (async () => {
            const added = new Set(
              await insertAssetBatch(ctx.tx, {
                partnerId,
                userId: ctx.actor.userId,
                note: text("asset.imported"),
                rows: batch.map((b) => b.asset),
              }),
            );
            imported += added.size;
            return serials.filter((s) => !added.has(s));
          })()
        : await existingSerials(ctx.tx, partnerId, serials),
    );
    for (const b of batch)
      if (taken.has(b.asset.serialNumber))
        report([
          {
            line: b.line,
            field: "serialNumber",
            reason: "duplicate_serial",
            message: MESSAGES.duplicate_serial,
            value: b.asset.serialNumber.slice(0, 60),
          },
        ]);
    batch = [];
  };

  try {
    for await (const row of importRows(body, IMPORT_MAX_BYTES)) {
      rows++;
      const checked = checkRow(row, resolveProduct, today);
      if (!checked.asset) {
        report(checked.errors);
        continue;
      }
      const serial = checked.asset.serialNumber;
      const earlier = firstLine.get(serial);
      if (earlier !== undefined) {
        report([
          {
            line: row.line,
            field: "serialNumber",
            reason: "duplicate_in_file",
            message: `${MESSAGES.duplicate_in_file} (line ${earlier})`,
            value: serial.slice(0, 60),
          },
        ]);
        continue;
      }
      firstLine.set(serial, row.line);
      batch.push({ line: row.line, asset: checked.asset });
      if (batch.length >= IMPORT_BATCH_ROWS) await flush();
    }
    await flush();
  } catch (error) {
    if (error instanceof UnreadableFile) throw unreadable(error);
    throw error;
  }

  if (rows === 0)
    throw new AppError(422, "empty_file", "The file has a header but no rows", undefined, { rows: 0 });
  if (badRows > 0) {
    errors.sort((a, b) => a.line - b.line);
    throw new AppError(
      422,
      "import_rejected",
      `${badRows} of ${rows} rows are invalid; nothing was imported`,
      undefined,
      { rows, badRows, errorCount, truncated: errorCount > errors.length, rowErrors: errors },
    );
  }
  const summary = { rows, imported, ...(file.name ? { fileName: file.name.slice(0, 200) } : {}) };
  await recordAudit(ctx, {
    entity: "assets",
    entityId: "import",
    action: "import",
    partnerId,
    after: summary,
  });
  return summary;
}
