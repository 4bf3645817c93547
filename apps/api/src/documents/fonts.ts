import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Font } from "@pdf-lib/fontkit";
import type { PDFDocument, PDFFont } from "pdf-lib";

/**
 * Pretendard (SIL OFL) from the `pretendard` npm package, TrueType build. Hangul needs a font
 * whose glyphs pdf-lib's own `subset: true` keeps, and it doesn't for this font (it drops the
 * Hangul outlines), so every document is subset here with HarfBuzz to exactly the characters
 * it draws and the result is embedded whole.
 */
export type FontWeight = "regular" | "bold";

const FONT_FILES: Record<FontWeight, string> = {
  regular: "pretendard/dist/public/static/alternative/Pretendard-Regular.ttf",
  bold: "pretendard/dist/public/static/alternative/Pretendard-Bold.ttf",
};

interface FontTools {
  fontkit: typeof import("@pdf-lib/fontkit");
  subsetFont: typeof import("subset-font").default;
}
let tools: FontTools | undefined;

/**
 * fontkit and HarfBuzz (subset-font) are loaded for the first document, not at start-up, as are
 * exceljs and the AWS SDK where they are used: with all four on first use the idle server's RSS
 * fell 306 → 277 MB (BENCHMARKS.md, session 8). PdfFlow.open awaits this.
 */
export async function loadFontTools(): Promise<void> {
  if (tools) return;
  const [fontkit, subsetFont] = await Promise.all([import("@pdf-lib/fontkit"), import("subset-font")]);
  tools = { fontkit: fontkit.default, subsetFont: subsetFont.default };
}

function fontTools(): FontTools {
  if (!tools) throw new Error("Fonts are used before loadFontTools()");
  return tools;
}

const require = createRequire(import.meta.url);
// Buffers, not plain Uint8Arrays: fontverter (inside subset-font) reads them with Buffer methods.
const rawBytes = new Map<FontWeight, Buffer>();
const metrics = new Map<FontWeight, FontMetrics>();

/** The full font file, read once per process. */
export function fontBytes(weight: FontWeight): Buffer {
  let bytes = rawBytes.get(weight);
  if (!bytes) {
    bytes = readFileSync(require.resolve(FONT_FILES[weight]));
    rawBytes.set(weight, bytes);
  }
  return bytes;
}

/**
 * Advance widths from the full font, so that layout can happen before the subset exists.
 * HarfBuzz keeps `hmtx` as it is and the subset carries no layout tables, so a string is
 * drawn exactly as wide as the sum of its characters' advances measured here.
 */
export class FontMetrics {
  private readonly font: Font;
  private readonly advances = new Map<number, number>();
  readonly ascent: number;
  readonly descent: number;

  constructor(bytes: Uint8Array) {
    this.font = fontTools().fontkit.create(bytes);
    this.ascent = this.font.ascent / this.font.unitsPerEm;
    this.descent = this.font.descent / this.font.unitsPerEm;
  }

  /** Width of `text` in points at `size`. */
  width(text: string, size: number): number {
    let em = 0;
    for (const ch of text) em += this.advance(ch.codePointAt(0)!);
    return em * size;
  }

  private advance(codePoint: number): number {
    let a = this.advances.get(codePoint);
    if (a === undefined) {
      a = this.font.glyphForCodePoint(codePoint).advanceWidth / this.font.unitsPerEm;
      this.advances.set(codePoint, a);
    }
    return a;
  }
}

export function fontMetrics(weight: FontWeight): FontMetrics {
  let m = metrics.get(weight);
  if (!m) {
    m = new FontMetrics(fontBytes(weight));
    metrics.set(weight, m);
  }
  return m;
}

/**
 * The font cut down to `text`'s characters. Layout features and tables are dropped: Korean
 * syllables are precomposed, and without GSUB/GPOS a string's drawn width is the plain sum of
 * advances that {@link FontMetrics} measured.
 */
export async function subsetFontBytes(weight: FontWeight, text: string): Promise<Uint8Array> {
  const chars = new Set(text);
  chars.add(" ");
  return fontTools().subsetFont(fontBytes(weight), [...chars].join(""), {
    keepFeatures: [],
    dropTables: ["GSUB", "GPOS", "GDEF", "kern"],
  });
}

/** `subset`: the normal path. `full`: the whole font, for checking the subset renders identically. */
export type FontMode = "subset" | "full";

/** Embed one weight for this document, covering exactly `text`. Call once per weight per document. */
export async function embedDocumentFont(input: {
  pdfDoc: PDFDocument;
  weight: FontWeight;
  text: string;
  mode?: FontMode;
}): Promise<PDFFont> {
  input.pdfDoc.registerFontkit(fontTools().fontkit);
  if (input.mode === "full") {
    // Shaping off, to draw what the subset (which has no layout tables) draws: with `calt` on,
    // Pretendard swaps the hyphen between digits for an alternate that pdf-lib mis-spaces.
    const off = { calt: false, liga: false, clig: false, rlig: false, ccmp: false, locl: false, kern: false };
    return input.pdfDoc.embedFont(fontBytes(input.weight), { subset: false, features: off });
  }
  return input.pdfDoc.embedFont(await subsetFontBytes(input.weight, input.text), { subset: false });
}
