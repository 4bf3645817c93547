import { describe, expect, it } from "vitest";
import {
  ASSET_STATUSES,
  type AssetStatus,
  assertCanTransitionAsset,
  assetTransitions,
} from "./asset-lifecycle.js";

const ALLOWED: [AssetStatus, AssetStatus, "staff" | "system"][] = [
  ["in_stock", "reserved", "system"],
  ["reserved", "installed", "system"],
  ["reserved", "in_stock", "system"],
  ["installed", "returned", "staff"],
  ["installed", "transferred", "system"],
  ["returned", "refurbishing", "staff"],
  ["refurbishing", "in_stock", "staff"],
  ["in_stock", "retired", "staff"],
  ["returned", "retired", "staff"],
  ["installed", "lost", "staff"],
];

describe("asset lifecycle", () => {
  it.each(ALLOWED)("allows %s → %s (%s)", (from, to, by) => {
    expect(() => assertCanTransitionAsset({ from, to, by })).not.toThrow();
  });

  it("refuses every pair not in the table", () => {
    const allowed = new Set(
      ASSET_STATUSES.flatMap((from) => assetTransitions(from).map((to) => `${from}>${to}`)),
    );
    for (const from of ASSET_STATUSES) {
      for (const to of ASSET_STATUSES) {
        if (allowed.has(`${from}>${to}`)) continue;
        expect(() => assertCanTransitionAsset({ from, to, by: "system" })).toThrow(/cannot go/);
      }
    }
  });

  it("keeps reserving and installing out of staff hands (orders do that)", () => {
    expect(() => assertCanTransitionAsset({ from: "in_stock", to: "reserved", by: "staff" })).toThrow();
    expect(() => assertCanTransitionAsset({ from: "reserved", to: "installed", by: "staff" })).toThrow();
  });

  it("treats retired, lost and transferred as final", () => {
    for (const s of ["retired", "lost", "transferred"] as const) expect(assetTransitions(s)).toEqual([]);
  });
});
