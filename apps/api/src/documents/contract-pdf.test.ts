import { billingSchedule } from "@ssp/domain";
import type { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { renderContract } from "./contract-pdf.js";
import { wrapText } from "./pdf-canvas.js";
import { sampleContract } from "./test-support/fixtures.js";
import { pdfText, renderPages } from "./test-support/poppler.js";

/** Pixels whose RGB differs by more than a rounding step between two renderings. */
function differingPixels(a: PNG, b: PNG): number {
  expect([a.width, a.height]).toEqual([b.width, b.height]);
  let n = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    const d = Math.max(
      Math.abs(a.data[i]! - b.data[i]!),
      Math.abs(a.data[i + 1]! - b.data[i + 1]!),
      Math.abs(a.data[i + 2]! - b.data[i + 2]!),
    );
    if (d > 24) n++;
  }
  return n;
}

/** Dark pixels in a band of rows given as fractions of the page height. */
function darkPixels(page: PNG, fromY: number, toY: number): number {
  let n = 0;
  for (let y = Math.floor(page.height * fromY); y < page.height * toY; y++) {
    for (let x = 0; x < page.width; x++) {
      const i = (y * page.width + x) * 4;
      if (page.data[i]! + page.data[i + 1]! + page.data[i + 2]! < 3 * 110) n++;
    }
  }
  return n;
}

describe("contract PDF", () => {
  it("draws every Hangul glyph from the subset font exactly as the full font draws it", async () => {
    const doc = sampleContract();
    const subset = await renderContract(doc);
    const full = await renderContract(doc, { fontMode: "full" });
    expect(subset.pageCount).toBe(3);
    expect(full.bytes.length).toBeGreaterThan(10 * subset.bytes.length);

    const subsetPages = renderPages(subset.bytes, 50);
    const fullPages = renderPages(full.bytes, 50);
    expect(subsetPages).toHaveLength(3);
    expect(fullPages).toHaveLength(3);
    for (const [i, page] of subsetPages.entries()) {
      const total = page.width * page.height;
      // Identical in practice; a hair of slack for rasterizer differences between poppler builds.
      expect(differingPixels(page, fullPages[i]!), `page ${i + 1}`).toBeLessThanOrEqual(
        Math.ceil(total * 0.0001),
      );
    }
    // The title "렌탈 계약서" sits in the top eighth of page 1: it must be ink, not blank space.
    expect(darkPixels(subsetPages[0]!, 0.09, 0.14)).toBeGreaterThan(150);
    expect(darkPixels(subsetPages[0]!, 0.09, 0.14)).toBe(darkPixels(fullPages[0]!, 0.09, 0.14));
  });

  it("has extractable Korean text, the contract number and a page number on every page", async () => {
    const doc = sampleContract();
    const { bytes } = await renderContract(doc);
    const text = pdfText(bytes);
    expect(text).toContain("렌탈 계약서");
    expect(text).toContain(doc.number);
    expect(text).toContain("김서연");
    expect(text).toContain("29,900원");
    expect(text).toContain("청약철회");
    for (const n of [1, 2, 3]) expect(text).toMatch(new RegExp(`\\b${n} ?/ ?3\\b`));
    // The table's header row repeats on the page it continues onto.
    const pages = text.split("\f");
    expect(pages[1]).toMatch(/회차\s+구분\s+기간\s+공급가액\s+부가세\s+합계/);
  });

  it("lists every period of the schedule, the stub as 일할", async () => {
    const doc = sampleContract();
    const text = pdfText((await renderContract(doc)).bytes);
    expect(text).toMatch(/-\s+일할\s+2026\.03\.20 ~ 2026\.04\.14/);
    expect(text).toMatch(/36\s+정기\s+2029\.03\.15 ~ 2029\.04\.14/);
  });

  it("stores the signature box in the PDF and keeps it on the last page", async () => {
    const r = await renderContract(sampleContract());
    expect(r.signatureBox.page).toBe(r.pageCount - 1);
    expect(r.signatureBox.w).toBeGreaterThan(100);
  });

  it("is small: the subset fonts keep the contract well under 120 KB", async () => {
    const { bytes } = await renderContract(sampleContract());
    expect(bytes.length).toBeLessThan(80 * 1024);
  });

  it("renders an open-ended subscription with its first twelve periods", async () => {
    const base = sampleContract();
    const terms = {
      ...base.terms,
      kind: "subscription" as const,
      termMonths: null,
      ownershipTransfer: false,
    };
    const schedule = billingSchedule({
      terms,
      activatedOn: base.assumedActivationOn,
      billingDay: base.billingDay,
    });
    const text = pdfText((await renderContract({ ...base, terms, schedule })).bytes);
    expect(text).toContain("정함 없음 (해지 시까지)");
    expect(text).toContain("구독");
    expect(text).toMatch(/12\s+정기/);
    expect(text).not.toMatch(/13\s+정기/);
  });

  it("renders the same bytes for the same contract, so its hash is reproducible", async () => {
    const a = await renderContract(sampleContract());
    const b = await renderContract(sampleContract());
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
  });
});

describe("wrapText", () => {
  const measure = (s: string) => [...s].length;

  it("breaks Hangul between any two syllables", () => {
    expect(wrapText("가나다라마바사", 3, measure)).toEqual(["가나다", "라마바", "사"]);
  });

  it("keeps Latin words and numbers whole and breaks at spaces", () => {
    expect(wrapText("model CHP-7210N", 10, measure)).toEqual(["model", "CHP-7210N"]);
  });

  it("cuts a run that is wider than the whole line between characters", () => {
    expect(wrapText("ABCDEFGH", 3, measure)).toEqual(["ABC", "DEF", "GH"]);
  });

  it("never starts a line with closing punctuation", () => {
    expect(wrapText("가나다.", 3, measure)).toEqual(["가나", "다."]);
  });
});
