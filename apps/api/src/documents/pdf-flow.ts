import { loadFontTools } from "./fonts.js";
import { A4, PdfCanvas } from "./pdf-canvas.js";

const MARGIN_X = 50;
const TOP = A4.height - 56;
const BOTTOM = 56;
const CONTENT_W = A4.width - 2 * MARGIN_X;
const LABEL_FILL = 0.94;
const RULE = 0.55;

export interface TableColumn {
  title: string;
  width: number;
  align: "left" | "center" | "right";
}

/**
 * Top-to-bottom layout on A4 pages: headings, paragraphs, label/value grids and tables that
 * break across pages with their header row repeated. Pages after the first get `runningHead`.
 */
export class PdfFlow {
  readonly canvas = new PdfCanvas();
  readonly left = MARGIN_X;
  readonly width = CONTENT_W;
  page = -1;
  y = TOP;

  /** A flow on its first page, once the font tools are loaded (fonts.ts). */
  static async open(options: { runningHead?: string } = {}): Promise<PdfFlow> {
    await loadFontTools();
    return new PdfFlow(options);
  }

  private constructor(private readonly options: { runningHead?: string }) {
    this.newPage();
  }

  newPage(): void {
    this.page = this.canvas.addPage();
    this.y = TOP;
    if (this.page > 0 && this.options.runningHead) {
      this.canvas.text(this.page, this.options.runningHead, {
        x: MARGIN_X,
        y: TOP + 18,
        size: 8,
        gray: 0.45,
      });
      this.canvas.line(this.page, {
        x1: MARGIN_X,
        y1: TOP + 12,
        x2: A4.width - MARGIN_X,
        y2: TOP + 12,
        gray: 0.7,
      });
    }
  }

  /** Start a new page unless `height` still fits above the bottom margin. */
  ensure(height: number): void {
    if (this.y - height < BOTTOM) this.newPage();
  }

  gap(h: number): void {
    this.y -= h;
  }

  title(text: string): void {
    const size = 22;
    this.canvas.textIn(this.page, text, {
      x: MARGIN_X,
      y: this.y - size,
      w: CONTENT_W,
      align: "center",
      size,
      weight: "bold",
    });
    this.y -= size + 10;
  }

  heading(text: string): void {
    this.ensure(48);
    this.y -= 8;
    this.canvas.rect(this.page, { x: MARGIN_X, y: this.y - 12.5, w: 3, h: 13, fill: 0.2 });
    this.canvas.text(this.page, text, { x: MARGIN_X + 8, y: this.y - 11, size: 11.5, weight: "bold" });
    this.y -= 20;
  }

  /**
   * Wrapped text. With a `marker` ("1.", "가.") the marker hangs at `indent` and every line of the
   * text starts after it.
   */
  paragraph(
    text: string,
    o: { size?: number; indent?: number; gray?: number; weight?: "regular" | "bold"; marker?: string } = {},
  ): void {
    const size = o.size ?? 9.5;
    const style = { size, gray: o.gray, weight: o.weight };
    const markerX = MARGIN_X + (o.indent ?? 0);
    const textX = o.marker ? markerX + this.canvas.width(`${o.marker} `, style) + 1 : markerX;
    const lead = size * 1.55;
    const lines = this.canvas.wrap(text, MARGIN_X + CONTENT_W - textX, style);
    lines.forEach((line, n) => {
      this.ensure(lead);
      if (n === 0 && o.marker)
        this.canvas.text(this.page, o.marker, { x: markerX, y: this.y - size, ...style });
      this.canvas.text(this.page, line, { x: textX, y: this.y - size, ...style });
      this.y -= lead;
    });
  }

  /**
   * A bordered grid of label/value pairs, two pairs a row; a row of one pair spans the width.
   * Values wrap within their cell.
   */
  labelGrid(rows: ([string, string] | [string, string, string, string])[]): void {
    const size = 9;
    const lead = 13;
    const labelW = 78;
    const halfW = CONTENT_W / 2;
    for (const row of rows) {
      const pairs: [string, string][] =
        row.length === 2
          ? [[row[0], row[1]]]
          : [
              [row[0], row[1]],
              [row[2], row[3]],
            ];
      const cellW = pairs.length === 1 ? CONTENT_W : halfW;
      const wrapped = pairs.map(([, v]) => this.canvas.wrap(v, cellW - labelW - 12, { size }));
      const h = Math.max(...wrapped.map((l) => l.length)) * lead + 8;
      this.ensure(h);
      pairs.forEach(([label], i) => {
        const x = MARGIN_X + i * halfW;
        this.canvas.rect(this.page, { x, y: this.y - h, w: labelW, h, fill: LABEL_FILL, stroke: RULE });
        this.canvas.rect(this.page, { x: x + labelW, y: this.y - h, w: cellW - labelW, h, stroke: RULE });
        this.canvas.text(this.page, label, {
          x: x + 6,
          y: this.y - 4 - size - 1,
          size,
          weight: "bold",
          gray: 0.2,
        });
        wrapped[i]!.forEach((line, n) => {
          this.canvas.text(this.page, line, { x: x + labelW + 6, y: this.y - 4 - size - 1 - n * lead, size });
        });
      });
      this.y -= h;
    }
  }

  /**
   * A table with a shaded header row; rows that would cross the bottom margin move to the next
   * page, which repeats the header. `emphasis` rows (totals) are bold on a shaded background.
   */
  table(columns: TableColumn[], rows: { cells: string[]; emphasis?: boolean }[]): void {
    const size = 8.5;
    const lead = 12;
    const pad = 4;
    const header = () => {
      const h = lead + 2 * pad;
      let x = MARGIN_X;
      for (const c of columns) {
        this.canvas.rect(this.page, { x, y: this.y - h, w: c.width, h, fill: 0.88, stroke: RULE });
        this.canvas.textIn(this.page, c.title, {
          x,
          y: this.y - pad - size - 0.5,
          w: c.width,
          align: "center",
          size,
          weight: "bold",
        });
        x += c.width;
      }
      this.y -= h;
    };
    this.ensure(2 * (lead + 2 * pad));
    header();
    for (const row of rows) {
      const style = { size, weight: row.emphasis ? ("bold" as const) : ("regular" as const) };
      const cells = row.cells.map((text, i) => this.canvas.wrap(text, columns[i]!.width - 2 * pad, style));
      const h = Math.max(...cells.map((c) => c.length)) * lead + 2 * pad;
      if (this.y - h < BOTTOM) {
        this.newPage();
        header();
      }
      let x = MARGIN_X;
      columns.forEach((c, i) => {
        this.canvas.rect(this.page, {
          x,
          y: this.y - h,
          w: c.width,
          h,
          stroke: RULE,
          fill: row.emphasis ? LABEL_FILL : undefined,
        });
        cells[i]!.forEach((line, n) => {
          this.canvas.textIn(this.page, line, {
            x: x + pad,
            y: this.y - pad - size - 0.5 - n * lead,
            w: c.width - 2 * pad,
            align: c.align,
            ...style,
          });
        });
        x += c.width;
      });
      this.y -= h;
    }
  }

  /** "n / N" centred at the foot of every page, with `left` in the corner. */
  pageNumbers(left: string): void {
    const total = this.canvas.pageCount;
    for (let p = 0; p < total; p++) {
      this.canvas.line(p, { x1: MARGIN_X, y1: 40, x2: A4.width - MARGIN_X, y2: 40, gray: 0.75 });
      this.canvas.textIn(p, `${p + 1} / ${total}`, { x: 0, y: 27, w: A4.width, align: "center", size: 8.5 });
      this.canvas.text(p, left, { x: MARGIN_X, y: 27, size: 7.5, gray: 0.45 });
    }
  }
}
