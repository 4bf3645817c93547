import { PDFDocument } from "pdf-lib";
import { koreanDate } from "./format.js";
import { type DocumentPartner, letterhead, partnerRows } from "./partner-block.js";
import { A4 } from "./pdf-canvas.js";
import { PdfFlow } from "./pdf-flow.js";
import { type Signature, type SigningEvent, sealContract } from "./seal-contract.js";
import { sha256Hex } from "./sha256.js";
import { type SignatureBox, writeSignatureBox } from "./signature-box.js";
import type { SigningCertificate } from "./signing-certificate.js";

/** What the customer confirms at installation (SPEC §3 Installation). */
export interface InstallationReceipt {
  contractNumber: string;
  partner: DocumentPartner;
  customer: { name: string; phone: string };
  product: { name: string; model: string };
  assetSerialNumber: string;
  /** YYYY-MM-DD: the day the contract activates and billing starts */
  installedOn: string;
  installAddress: string;
  technicianName: string;
}

export interface SealedDocument {
  bytes: Uint8Array;
  unsignedSha256: string;
  sha256: string;
}

/**
 * "설치 및 인수 확인서", signed by the customer on the technician's device and sealed like the
 * contract: the signature in its box, the audit certificate appended, the whole file signed.
 */
export async function renderInstallationReceipt(
  input: InstallationReceipt & {
    signature: Signature;
    events: SigningEvent[];
    certificate: SigningCertificate;
  },
): Promise<SealedDocument> {
  const { bytes: unsigned, signatureBox } = await renderInstallationReceiptPdf(input);
  const unsignedSha256 = sha256Hex(unsigned);
  const bytes = await sealContract({
    unsignedPdf: unsigned,
    signatureBox,
    signature: input.signature,
    signerName: input.customer.name,
    events: input.events,
    unsignedSha256,
    certificate: input.certificate,
  });
  return { bytes, unsignedSha256, sha256: sha256Hex(bytes) };
}

/** The unsigned one-page receipt; its signature box is also stored in the PDF. */
export async function renderInstallationReceiptPdf(
  r: InstallationReceipt,
): Promise<{ bytes: Uint8Array; signatureBox: SignatureBox }> {
  const flow = await PdfFlow.open();
  const c = flow.canvas;
  letterhead(flow, r.partner, `계약번호 ${r.contractNumber}`);
  flow.gap(26);
  flow.title("설치 및 인수 확인서");
  flow.canvas.line(flow.page, {
    x1: flow.left,
    y1: flow.y,
    x2: flow.left + flow.width,
    y2: flow.y,
    width: 1.2,
  });
  flow.gap(10);
  flow.paragraph(`${r.partner.name}(이하 "회사")는 아래 제품을 고객이 지정한 장소에 설치하였습니다.`);

  flow.heading("1. 회사");
  flow.labelGrid(partnerRows(r.partner));
  flow.heading("2. 계약과 고객");
  flow.labelGrid([
    ["계약번호", r.contractNumber],
    ["고객 성명", r.customer.name, "휴대전화", r.customer.phone],
    ["설치 주소", r.installAddress],
  ]);
  flow.heading("3. 설치 제품");
  flow.labelGrid([
    ["상품명", r.product.name, "모델명", r.product.model],
    ["제품 일련번호", r.assetSerialNumber],
    ["설치일", koreanDate(r.installedOn), "설치 기사", r.technicianName],
  ]);
  flow.heading("4. 고객 확인");
  const confirmations = [
    "위 일련번호의 제품이 설치 주소에 정상적으로 설치되었고, 작동 상태와 사용 방법을 안내받았습니다.",
    "설치일에 제품을 인수하였으며, 이 날부터 렌탈 기간과 요금 청구가 시작됩니다.",
    "청약철회 기간은 설치일부터 계산합니다.",
  ];
  for (const [i, text] of confirmations.entries()) flow.paragraph(text, { marker: `${i + 1}.` });

  flow.gap(18);
  c.textIn(flow.page, "위 내용을 확인하고 제품을 인수합니다.", {
    x: flow.left,
    y: flow.y - 10,
    w: flow.width,
    align: "center",
    size: 10,
    weight: "bold",
  });
  flow.gap(32);
  const top = flow.y;
  const leftX = flow.left;
  const rightX = flow.left + flow.width / 2 + 10;
  c.text(flow.page, "설치 기사", { x: leftX, y: top - 10, size: 10, weight: "bold" });
  c.text(flow.page, `성명: ${r.technicianName}`, { x: leftX, y: top - 30, size: 9.5 });
  c.text(flow.page, `소속: ${r.partner.name}`, { x: leftX, y: top - 46, size: 9.5 });
  c.text(flow.page, "고객", { x: rightX, y: top - 10, size: 10, weight: "bold" });
  c.text(flow.page, `성명: ${r.customer.name}`, { x: rightX, y: top - 30, size: 9.5 });
  c.text(flow.page, "서명", { x: rightX, y: top - 62, size: 9.5 });
  const box: SignatureBox = { page: flow.page, x: rightX + 32, y: top - 96, w: 170, h: 58 };
  c.rect(flow.page, { x: box.x, y: box.y, w: box.w, h: box.h, stroke: 0.45, lineWidth: 1 });
  c.text(flow.page, "인수일:", { x: rightX, y: box.y - 20, size: 9.5 });
  c.line(flow.page, { x1: rightX + 32, y1: box.y - 23, x2: box.x + box.w, y2: box.y - 23, gray: 0.5 });
  box.dateLine = { x: rightX + 38, y: box.y - 20 };
  flow.pageNumbers(`설치 및 인수 확인서 · 계약번호 ${r.contractNumber}`);

  const pdfDoc = await PDFDocument.create();
  const pages = Array.from({ length: flow.canvas.pageCount }, () => pdfDoc.addPage([A4.width, A4.height]));
  await flow.canvas.paint({ pdfDoc, pages });
  const installed = new Date(`${r.installedOn}T00:00:00+09:00`);
  pdfDoc.setTitle(`설치 및 인수 확인서 ${r.contractNumber}`);
  pdfDoc.setAuthor(r.partner.name);
  pdfDoc.setSubject(`${r.customer.name} · ${r.product.name} · ${r.assetSerialNumber}`);
  pdfDoc.setCreator("SSP");
  pdfDoc.setProducer("SSP");
  pdfDoc.setLanguage("ko-KR");
  pdfDoc.setCreationDate(installed);
  pdfDoc.setModificationDate(installed);
  writeSignatureBox(pdfDoc, box);
  return { bytes: await pdfDoc.save({ objectsPerTick: Number.POSITIVE_INFINITY }), signatureBox: box };
}
