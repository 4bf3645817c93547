import { deflateSync } from "node:zlib";
import { type PDFDocument, type PDFFont, type PDFPage, PDFRawStream, type PDFRef } from "pdf-lib";
import { embedDocumentFont, type FontMode, type FontWeight, fontMetrics } from "./fonts.js";

/** A4 in points. */
export const A4 = { width: 595.28, height: 841.89 } as const;

interface TextStyle {
  size: number;
  weight?: FontWeight;
  /** 0 = black, 1 = white. */
  gray?: number;
}

type Op =
  | {
      kind: "text";
      page: number;
      text: string;
      x: number;
      y: number;
      size: number;
      weight: FontWeight;
      gray: number;
    }
  | {
      kind: "rect";
      page: number;
      x: number;
      y: number;
      w: number;
      h: number;
      fill?: number;
      stroke?: number;
      lineWidth: number;
    }
  | {
      kind: "line";
      page: number;
      x1: number;
      y1: number;
      x2: number;
      y2: number;
      gray: number;
      width: number;
    }
  | { kind: "png"; page: number; png: Uint8Array; x: number; y: number; w: number; h: number };

/**
 * Records a document's drawing first and paints it afterwards. Fonts have to be subset to the
 * characters a document uses before anything can be drawn with them, so layout (measured with
 * the full font's metrics) and painting are two passes: every string is known when the fonts
 * are embedded, once per weight.
 */
export class PdfCanvas {
  private readonly ops: Op[] = [];
  pageCount = 0;

  addPage(): number {
    return this.pageCount++;
  }

  width(text: string, style: TextStyle): number {
    return fontMetrics(style.weight ?? "regular").width(text, style.size);
  }

  /** `y` is the baseline. */
  text(page: number, text: string, at: { x: number; y: number } & TextStyle): void {
    if (text === "") return;
    this.ops.push({
      kind: "text",
      page,
      text,
      x: at.x,
      y: at.y,
      size: at.size,
      weight: at.weight ?? "regular",
      gray: at.gray ?? 0,
    });
  }

  /** Text aligned inside [x, x + w]. */
  textIn(
    page: number,
    text: string,
    at: { x: number; y: number; w: number; align: "left" | "center" | "right" } & TextStyle,
  ): void {
    const width = this.width(text, at);
    const x =
      at.align === "left" ? at.x : at.align === "right" ? at.x + at.w - width : at.x + (at.w - width) / 2;
    this.text(page, text, { ...at, x });
  }

  rect(
    page: number,
    r: { x: number; y: number; w: number; h: number; fill?: number; stroke?: number; lineWidth?: number },
  ): void {
    this.ops.push({ kind: "rect", page, ...r, lineWidth: r.lineWidth ?? 0.5 });
  }

  line(
    page: number,
    l: { x1: number; y1: number; x2: number; y2: number; gray?: number; width?: number },
  ): void {
    this.ops.push({ kind: "line", page, ...l, gray: l.gray ?? 0, width: l.width ?? 0.5 });
  }

  png(page: number, image: { png: Uint8Array; x: number; y: number; w: number; h: number }): void {
    this.ops.push({ kind: "png", page, ...image });
  }

  /** Lines of `text` no wider than `maxWidth`; see {@link wrapText}. */
  wrap(text: string, maxWidth: number, style: TextStyle): string[] {
    return wrapText(text, maxWidth, (s) => this.width(s, style));
  }

  /**
   * Paint onto `pages[i]` for canvas page i. Each weight in use is embedded once, subset to the
   * characters drawn in it. Every page gets one content stream of plain PDF operators,
   * deflated with node's zlib: pdf-lib's drawText/drawRectangle wrap each call in several
   * operators and compress with pure-JS pako, which was most of a contract's render time.
   */
  async paint(input: { pdfDoc: PDFDocument; pages: PDFPage[]; fontMode?: FontMode }): Promise<void> {
    const { pdfDoc } = input;
    const textByWeight = new Map<FontWeight, string[]>();
    for (const op of this.ops) {
      if (op.kind !== "text") continue;
      const list = textByWeight.get(op.weight) ?? [];
      list.push(op.text);
      textByWeight.set(op.weight, list);
    }
    const fonts = new Map<FontWeight, PDFFont>();
    for (const [weight, texts] of textByWeight) {
      fonts.set(
        weight,
        await embedDocumentFont({ pdfDoc, weight, text: texts.join(""), mode: input.fontMode }),
      );
    }
    const streams = new Map<number, string[]>();
    const fontKeys = new Map<string, string>();
    for (const op of this.ops) {
      const page = input.pages[op.page];
      if (!page) throw new Error(`No page ${op.page} to paint on`);
      let out = streams.get(op.page);
      if (!out) {
        out = [];
        streams.set(op.page, out);
      }
      switch (op.kind) {
        case "text": {
          const font = fonts.get(op.weight)!;
          const cacheKey = `${op.page}:${op.weight}`;
          let key = fontKeys.get(cacheKey);
          if (!key) {
            key = page.node.newFontDictionary(font.name, font.ref).toString();
            fontKeys.set(cacheKey, key);
          }
          // encodeText also records the glyphs whose widths the font's /W array must list.
          const glyphs = font.encodeText(op.text).toString();
          out.push(
            `BT ${key} ${num(op.size)} Tf ${num(op.gray)} g ${num(op.x)} ${num(op.y)} Td ${glyphs} Tj ET`,
          );
          break;
        }
        case "rect": {
          const path = `${num(op.x)} ${num(op.y)} ${num(op.w)} ${num(op.h)} re`;
          const fill = op.fill === undefined ? "" : `${num(op.fill)} g `;
          const stroke = op.stroke === undefined ? "" : `${num(op.lineWidth)} w ${num(op.stroke)} G `;
          const paintOp = fill && stroke ? "B" : fill ? "f" : stroke ? "S" : "n";
          out.push(`${fill}${stroke}${path} ${paintOp}`);
          break;
        }
        case "line":
          out.push(
            `${num(op.width)} w ${num(op.gray)} G ${num(op.x1)} ${num(op.y1)} m ${num(op.x2)} ${num(op.y2)} l S`,
          );
          break;
        case "png": {
          const image = await pdfDoc.embedPng(op.png);
          const key = page.node.newXObject("Image", image.ref).toString();
          out.push(`q ${num(op.w)} 0 0 ${num(op.h)} ${num(op.x)} ${num(op.y)} cm ${key} Do Q`);
          break;
        }
      }
    }
    for (const [index, ops] of streams) {
      const page = input.pages[index]!;
      if (page.node.Contents()) {
        // A page that already has content (sealing): isolate it so its graphics state can't leak.
        page.node.wrapContentStreams(rawStream(pdfDoc, "q"), rawStream(pdfDoc, "Q"));
      }
      page.node.addContentStream(rawStream(pdfDoc, ops.join("\n")));
    }
  }
}

function rawStream(pdfDoc: PDFDocument, content: string): PDFRef {
  const bytes = deflateSync(Buffer.from(content, "latin1"));
  const dict = pdfDoc.context.obj({ Filter: "FlateDecode", Length: bytes.length });
  return pdfDoc.context.register(PDFRawStream.of(dict, bytes));
}

/** PDF number: at most 3 decimals, no exponent, no trailing zeros. */
function num(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}

const HANGUL_OR_CJK =
  /[\u1100-\u11ff\u3000-\u303f\u3130-\u318f\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/u;
/** Punctuation that must not start a line: it stays with what precedes it. */
const NO_LINE_START = /^[.,!?:;)\]}%·、。」』〉》]/u;

/**
 * Greedy wrapping by measured width. Hangul (and other CJK) may break between any two
 * characters, as Korean typesetting does; runs of Latin letters and digits (model names,
 * amounts, dates, e-mail addresses) break only at spaces unless a run alone is wider than the
 * line. Closing punctuation never starts a line. Explicit "\n" starts a new line.
 */
export function wrapText(text: string, maxWidth: number, measure: (s: string) => number): string[] {
  const out: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    const place = (unit: string) => {
      if (line !== "" && measure((line + unit).trimEnd()) > maxWidth) {
        out.push(line.trimEnd());
        line = "";
      }
      if (line === "" && measure(unit.trimEnd()) > maxWidth) {
        // One unit wider than the whole line: cut it between characters.
        for (const ch of unit) {
          if (line !== "" && measure((line + ch).trimEnd()) > maxWidth) {
            out.push(line.trimEnd());
            line = "";
          }
          line += ch;
        }
        return;
      }
      line += unit;
    };
    for (const unit of breakUnits(paragraph)) place(unit);
    out.push(line.trimEnd());
  }
  return out;
}

/** Split into unbreakable units; a unit carries its trailing spaces and any closing punctuation. */
function breakUnits(text: string): string[] {
  const units: string[] = [];
  let current = "";
  const flush = () => {
    if (current !== "") units.push(current);
    current = "";
  };
  for (const ch of text) {
    if (ch === " ") {
      current += ch;
      flush();
    } else if (NO_LINE_START.test(ch)) {
      current += ch;
    } else if (HANGUL_OR_CJK.test(ch)) {
      if (current !== "" && !current.endsWith(" ") && !/[([{"'「『〈《]$/u.test(current)) {
        // Hangul after Latin or after a Hangul char: a break is allowed before it.
        flush();
      }
      current += ch;
    } else {
      // Latin/digits: join the run, but a run may start after Hangul.
      if (current !== "" && HANGUL_OR_CJK.test([...current].at(-1) ?? "")) flush();
      current += ch;
    }
  }
  flush();
  return units;
}
