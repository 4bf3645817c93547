import { pdflibAddPlaceholder } from "@signpdf/placeholder-pdf-lib";
import { SignPdf } from "@signpdf/signpdf";
import { PDFDocument } from "pdf-lib";
import { CertificateSigner } from "./cms-signer.js";
import { koreanDate, seoulTimestamp } from "./format.js";
import { A4 } from "./pdf-canvas.js";
import { PdfFlow } from "./pdf-flow.js";
import { sha256Hex } from "./sha256.js";
import { readSignatureBox, type SignatureBox } from "./signature-box.js";
import type { SigningCertificate } from "./signing-certificate.js";

export type Signature = { kind: "drawn"; png: Uint8Array } | { kind: "typed"; text: string };

export interface SigningEvent {
  kind: string;
  /** ISO-8601 instant */
  at: string;
  ip: string | null;
  userAgent: string | null;
}

export interface SealInput {
  unsignedPdf: Uint8Array;
  /** Defaults to the box the renderer stored in the PDF (`/SSPSignatureBox`). */
  signatureBox?: SignatureBox;
  signature: Signature;
  signerName: string;
  events: SigningEvent[];
  /** SHA-256 (hex) recorded for the unsigned document; checked against `unsignedPdf`. */
  unsignedSha256: string;
  certificate: SigningCertificate;
}

/** Every signing event kind (signing/public-context.ts) in Korean: no raw value on the certificate. */
export const EVENT_LABELS: Record<string, string> = {
  sent: "서명 요청 발송",
  payment_link_sent: "결제수단 등록 링크 발송",
  transfer_sent: "명의변경 서명 요청 발송",
  opened: "문서 열람",
  viewed: "계약서 PDF 열람",
  locked: "링크 잠김",
  payment_registered: "결제수단 등록",
  payment_failed: "결제수단 등록 실패",
  verified: "본인 확인 완료",
  verification_failed: "본인 확인 실패",
  failed_verification: "본인 확인 실패",
  agreed: "약관 동의",
  signed: "서명 완료",
  declined: "서명 거절",
  installed: "설치 완료",
};

/** An IPv4 address as people write it: `::ffff:127.0.0.1` (IPv4-mapped IPv6) → `127.0.0.1`. */
export function displayIp(ip: string | null | undefined): string {
  if (!ip) return "-";
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  return mapped ? mapped[1]! : ip;
}

/** Room for the CMS blob (RSA-2048 signature + certificate ≈ 2 KB); written as hex, so twice that. */
const SIGNATURE_LENGTH = 4096;

/**
 * The sealed document: the signature drawn into its box, an audit-certificate page appended,
 * and the whole file signed with the installation's certificate (detached CMS, subFilter
 * adbe.pkcs7.detached, over every byte but the signature itself). After this nothing may
 * change: any edit breaks the signature that pdfsig and Acrobat check.
 *
 * The subFilter is adbe.pkcs7.detached rather than ETSI.CAdES.detached because the CMS carries
 * a signingTime attribute and no signing-certificate-v2 attribute (as @signpdf's P12Signer
 * does), which PAdES baseline forbids and requires respectively; claiming CAdES would be untrue.
 */
export async function sealContract(input: SealInput): Promise<Uint8Array> {
  const actual = sha256Hex(input.unsignedPdf);
  if (actual !== input.unsignedSha256.toLowerCase()) {
    throw new Error(`The unsigned PDF's SHA-256 is ${actual}, not the recorded ${input.unsignedSha256}`);
  }
  const pdfDoc = await PDFDocument.load(input.unsignedPdf, {
    updateMetadata: false,
    parseSpeed: Number.POSITIVE_INFINITY,
  });
  const box = input.signatureBox ?? readSignatureBox(pdfDoc);
  if (!box) throw new Error("No signature box: pass one, or render the PDF with its /SSPSignatureBox");
  const signaturePage = pdfDoc.getPage(box.page);
  const signedAt = signingTime(input.events);
  // The seal is applied now; the customer's own signing time is on the audit page.
  const sealedAt = new Date();

  const flow = await PdfFlow.open();
  auditCertificate(flow, {
    ...input,
    title: pdfDoc.getTitle() ?? "전자문서",
    pageCount: pdfDoc.getPageCount(),
  });
  flow.pageNumbers("전자서명 감사 증명서");
  const auditPages = Array.from({ length: flow.canvas.pageCount }, () =>
    pdfDoc.addPage([A4.width, A4.height]),
  );
  const overlay = flow.canvas.addPage();
  placeSignature(flow, overlay, box, input.signature);
  if (box.dateLine) {
    flow.canvas.text(overlay, koreanDate(seoulTimestamp(signedAt).slice(0, 10)), {
      x: box.dateLine.x,
      y: box.dateLine.y,
      size: 9.5,
    });
  }
  await flow.canvas.paint({ pdfDoc, pages: [...auditPages, signaturePage] });
  pdfDoc.setModificationDate(sealedAt);

  pdflibAddPlaceholder({
    pdfDoc,
    pdfPage: signaturePage,
    // PDF text strings here are written as-is by pdf-lib, so they stay ASCII.
    reason: "SSP e-contract seal: signed by the customer, audit certificate attached",
    contactInfo: "",
    name: "SSP e-contract seal",
    location: "KR",
    signingTime: sealedAt,
    signatureLength: SIGNATURE_LENGTH,
    subFilter: "adbe.pkcs7.detached",
    widgetRect: [0, 0, 0, 0],
    appName: "SSP",
  });
  // No object streams: the signer finds /ByteRange and /Contents by scanning the bytes.
  const prepared = await pdfDoc.save({ useObjectStreams: false, objectsPerTick: Number.POSITIVE_INFINITY });
  const sealed = await new SignPdf().sign(
    Buffer.from(prepared),
    new CertificateSigner(input.certificate),
    sealedAt,
  );
  return new Uint8Array(sealed.buffer, sealed.byteOffset, sealed.byteLength);
}

/** When the signer signed: the last "signed" event, else the last event, else now. */
function signingTime(events: SigningEvent[]): Date {
  const signed = events.filter((e) => e.kind === "signed").at(-1) ?? events.at(-1);
  return signed ? new Date(signed.at) : new Date();
}

function auditCertificate(flow: PdfFlow, input: SealInput & { title: string; pageCount: number }): void {
  flow.gap(6);
  flow.title("전자서명 감사 증명서");
  flow.canvas.line(flow.page, {
    x1: flow.left,
    y1: flow.y,
    x2: flow.left + flow.width,
    y2: flow.y,
    width: 1.2,
  });
  flow.gap(10);
  flow.paragraph(
    "이 증명서는 아래 전자문서에 서명하는 과정에서 기록된 이벤트를 증명합니다. 이 증명서를 포함한 문서 전체는 회사의 인증서로 전자서명(봉인)되어 있으며, 봉인 후 한 바이트라도 바뀌면 서명 검증에 실패합니다.",
  );
  flow.heading("문서와 서명자");
  flow.labelGrid([
    ["문서", input.title],
    [
      "서명자",
      input.signerName,
      "서명 방식",
      input.signature.kind === "drawn" ? "직접 그린 서명" : "이름 입력 서명",
    ],
    [
      "원본 쪽수",
      `${input.pageCount}쪽 (이 증명서 제외)`,
      "서명 일시",
      seoulTimestamp(signingTime(input.events)),
    ],
    ["원본 SHA-256", input.unsignedSha256.toLowerCase()],
    ["봉인 인증서", `${input.certificate.commonName} (SHA-256 지문 ${input.certificate.fingerprintSha256})`],
  ]);
  flow.heading("이벤트 기록");
  flow.table(
    [
      { title: "일시 (KST)", width: 92, align: "left" },
      { title: "이벤트", width: 70, align: "left" },
      { title: "IP 주소", width: 138, align: "left" },
      { title: "사용자 환경 (User-Agent)", width: flow.width - 300, align: "left" },
    ],
    input.events.map((e) => ({
      cells: [
        seoulTimestamp(e.at).replace(" KST", ""),
        EVENT_LABELS[e.kind] ?? "기타",
        displayIp(e.ip),
        e.userAgent ?? "-",
      ],
    })),
  );
  flow.gap(8);
  flow.paragraph(
    "일시는 한국 표준시(KST, UTC+9)입니다. 원본 SHA-256은 서명 전 문서(이 증명서와 서명이 들어가기 전)의 해시값이며, 서명 요청 시 고객에게 제시된 문서와 같은 문서임을 확인하는 데 쓰입니다.",
    { size: 8.5, gray: 0.3 },
  );
}

/** The drawn signature scaled (aspect kept) into the box, or the typed name set as large as fits. */
function placeSignature(flow: PdfFlow, page: number, box: SignatureBox, signature: Signature): void {
  const pad = 4;
  const innerW = box.w - 2 * pad;
  const innerH = box.h - 2 * pad;
  if (signature.kind === "drawn") {
    const { width, height } = pngSize(signature.png);
    const scale = Math.min(innerW / width, innerH / height);
    const w = width * scale;
    const h = height * scale;
    flow.canvas.png(page, {
      png: signature.png,
      x: box.x + (box.w - w) / 2,
      y: box.y + (box.h - h) / 2,
      w,
      h,
    });
    return;
  }
  const text = signature.text.trim();
  if (text === "") throw new Error("A typed signature needs text");
  const size = Math.min(
    26,
    innerH * 0.7,
    innerW / Math.max(flow.canvas.width(text, { size: 1, weight: "bold" }), 0.01),
  );
  flow.canvas.textIn(page, text, {
    x: box.x,
    y: box.y + (box.h - size * 0.72) / 2,
    w: box.w,
    align: "center",
    size,
    weight: "bold",
  });
}

/** Width and height from a PNG's IHDR chunk; rejects anything that is not a PNG. */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (png.length < 24 || signature.some((b, i) => png[i] !== b))
    throw new Error("The drawn signature is not a PNG");
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  if (width === 0 || height === 0) throw new Error("The drawn signature PNG is empty");
  return { width, height };
}
