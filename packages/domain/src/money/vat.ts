import { assertWon } from "./won.js";

export interface VatSplit {
  supply: number;
  vat: number;
  total: number;
}

/**
 * Korean prices are VAT-inclusive (10%): vat = floor(total / 11), supply = total − vat.
 * 29,900 → vat 2,718, supply 27,182. Integer division only, so supply + vat = total always.
 */
export function splitVat(total: number): VatSplit {
  assertWon(total, "total");
  const vat = Math.floor(total / 11);
  return { supply: total - vat, vat, total };
}
