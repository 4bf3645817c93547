import englishMessages from "ra-language-english";
import { describe, expect, it } from "vitest";
import { enMessages } from "./en";
import { koMessages } from "./ko";

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe("translations", () => {
  it("translates every react-admin message into Korean", () => {
    const ko = new Set(keys(koMessages));
    expect(keys(englishMessages).filter((k) => !ko.has(k))).toEqual([]);
  });

  it("has the same application keys in Korean and English", () => {
    const appKeys = (m: object) => keys(m).filter((k) => !k.startsWith("ra."));
    expect(appKeys(koMessages).sort()).toEqual(appKeys(enMessages).sort());
  });

  it("never splits a Korean message into plural forms", () => {
    const values = (v: unknown): string[] =>
      typeof v === "string" ? [v] : typeof v === "object" && v ? Object.values(v).flatMap(values) : [];
    expect(values(koMessages).filter((s) => s.includes("||||"))).toEqual([]);
  });
});
