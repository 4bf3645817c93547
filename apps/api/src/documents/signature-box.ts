import { PDFDict, type PDFDocument, PDFName, PDFRef, PDFString } from "pdf-lib";

/** Where the signer's signature goes, in PDF points (origin bottom-left) on page `page` (0-based). */
export interface SignatureBox {
  page: number;
  x: number;
  y: number;
  w: number;
  h: number;
  /** Baseline where the signing date is written, if the layout has a date line. */
  dateLine?: { x: number; y: number };
}

/**
 * The box travels inside the unsigned PDF itself, as the custom document-information entry
 * `/SSPSignatureBox` holding JSON, so that a stored draft can be sealed without its layout:
 * the PDF is the single source of truth for where its signature belongs.
 */
const KEY = PDFName.of("SSPSignatureBox");

export function writeSignatureBox(pdfDoc: PDFDocument, box: SignatureBox): void {
  let info = infoDict(pdfDoc);
  if (!info) {
    info = pdfDoc.context.obj({});
    pdfDoc.context.trailerInfo.Info = pdfDoc.context.register(info);
  }
  info.set(KEY, PDFString.of(JSON.stringify(box)));
}

export function readSignatureBox(pdfDoc: PDFDocument): SignatureBox | null {
  const info = infoDict(pdfDoc);
  if (!info) return null;
  const value = info.lookup(KEY);
  if (!(value instanceof PDFString)) return null;
  const parsed: unknown = JSON.parse(value.decodeText());
  if (!isSignatureBox(parsed)) throw new Error("The PDF's /SSPSignatureBox is malformed");
  return parsed;
}

/** The document-information dictionary (pdf-lib keeps its own accessor private). */
function infoDict(pdfDoc: PDFDocument): PDFDict | undefined {
  const entry = pdfDoc.context.trailerInfo.Info;
  const dict = entry instanceof PDFRef ? pdfDoc.context.lookup(entry) : entry;
  return dict instanceof PDFDict ? dict : undefined;
}

function isSignatureBox(v: unknown): v is SignatureBox {
  if (typeof v !== "object" || v === null) return false;
  const r = v as Record<string, unknown>;
  return ["page", "x", "y", "w", "h"].every((k) => typeof r[k] === "number" && Number.isFinite(r[k]));
}
