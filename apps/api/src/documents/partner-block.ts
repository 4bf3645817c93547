import type { PdfFlow } from "./pdf-flow.js";

/**
 * The lessor as every document names it (issue 15): a Korean lessor's contract states its trade
 * name, representative, business registration number, address and customer-service number.
 */
export interface DocumentPartner {
  name: string;
  businessNumber?: string | null;
  representative?: string | null;
  /** Postcode, road address and detail, joined for print. */
  address?: string | null;
  csPhone?: string | null;
  /** The partner's logo (PNG), printed at the top left when present. */
  logoPng?: Uint8Array | null;
}

const dash = (v: string | null | undefined) => (v && v.trim() !== "" ? v : "-");

/** The company rows of a label grid: 상호, 대표자, 사업자등록번호, 주소, 고객센터. */
export function partnerRows(p: DocumentPartner): ([string, string] | [string, string, string, string])[] {
  return [
    ["상호", p.name, "대표자", dash(p.representative)],
    ["사업자등록번호", dash(p.businessNumber), "고객센터", dash(p.csPhone)],
    ["주소", dash(p.address)],
  ];
}

/** One line for running heads and footers: "데모렌탈 · 대표 홍길동 · 사업자 123-45-67890 · 고객센터 1588-0000". */
export function partnerLine(p: DocumentPartner): string {
  return [
    p.name,
    p.representative ? `대표 ${p.representative}` : null,
    p.businessNumber ? `사업자등록번호 ${p.businessNumber}` : null,
    p.csPhone ? `고객센터 ${p.csPhone}` : null,
  ]
    .filter(Boolean)
    .join(" · ");
}

/** PNG width and height from its IHDR chunk, or undefined when the bytes are not a PNG. */
export function pngSize(png: Uint8Array): { width: number; height: number } | undefined {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (png.length < 24 || signature.some((b, i) => png[i] !== b)) return undefined;
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  return width > 0 && height > 0 ? { width, height } : undefined;
}

/**
 * The document's letterhead: the logo (if any, at most 22 pt high) or the trade name at the top
 * left, and `right` (e.g. the contract number) at the top right. Leaves the flow below it.
 */
export function letterhead(flow: PdfFlow, p: DocumentPartner, right: string): void {
  const c = flow.canvas;
  const size = p.logoPng ? pngSize(p.logoPng) : undefined;
  if (p.logoPng && size) {
    const aspect = size.width / size.height;
    const w = Math.min(120, aspect * 22);
    c.png(flow.page, { png: p.logoPng, x: flow.left, y: flow.y - 12, w, h: w / aspect });
    c.text(flow.page, p.name, { x: flow.left + w + 6, y: flow.y - 9, size: 10, weight: "bold", gray: 0.3 });
  } else {
    c.text(flow.page, p.name, { x: flow.left, y: flow.y - 9, size: 10, weight: "bold", gray: 0.3 });
  }
  c.textIn(flow.page, right, {
    x: flow.left,
    y: flow.y - 9,
    w: flow.width,
    align: "right",
    size: 9,
    gray: 0.3,
  });
}
