import type { TerminationQuote } from "@ssp/domain";
import { PDFDocument } from "pdf-lib";
import { koreanDate, won } from "./format.js";
import { type DocumentPartner, letterhead, partnerRows } from "./partner-block.js";
import { A4 } from "./pdf-canvas.js";
import { PdfFlow } from "./pdf-flow.js";

export interface TerminationQuoteDocument {
  partner: DocumentPartner;
  contractNumber: string;
  customerName: string;
  productName: string;
  activatedOn: string;
  quote: TerminationQuote;
}

const KIND_LABELS: Record<string, string> = {
  penalty: "위약금",
  removal_fee: "철거비",
  registration_clawback: "등록비 환수",
  promotion_clawback: "프로모션 할인 환수",
  late_interest: "연체 이자",
};

/** "중도해지 정산 견적서": the itemized exit quote to hand the customer before they decide. */
export async function renderTerminationQuotePdf(d: TerminationQuoteDocument): Promise<Uint8Array> {
  const flow = await PdfFlow.open();
  letterhead(flow, d.partner, `계약번호 ${d.contractNumber}`);
  flow.gap(26);
  flow.title("중도해지 정산 견적서");
  flow.gap(8);
  flow.labelGrid([
    ...partnerRows(d.partner),
    ["계약번호", d.contractNumber],
    ["고객 성명", d.customerName, "상품", d.productName],
    ["설치일", koreanDate(d.activatedOn), "해지 기준일", koreanDate(d.quote.date)],
    [
      "사용한 정기 회차",
      `${d.quote.usedFullPeriods}회`,
      "남은 의무사용 회차",
      `${d.quote.remainingMandatoryPeriods}회`,
    ],
  ]);
  flow.heading("정산 내역");
  const rows: { cells: string[]; emphasis?: boolean }[] = d.quote.items.map((item) => ({
    cells: [KIND_LABELS[item.kind] ?? item.kind, item.description, won(item.amount)],
  }));
  if (rows.length === 0) rows.push({ cells: ["-", "청구할 금액이 없습니다", won(0)] });
  rows.push({ cells: ["합계", "", won(d.quote.total)], emphasis: true });
  flow.table(
    [
      { title: "항목", width: 95, align: "center" },
      { title: "내용", width: 295.28, align: "left" },
      { title: "금액", width: 105, align: "right" },
    ],
    rows,
  );
  flow.heading("안내");
  for (const text of [
    "의무사용기간 안에 해지하면 남은 의무사용 회차에 대한 위약금과 철거비, 면제받은 등록비와 받은 프로모션 할인이 청구됩니다.",
    "청구일에 이미 시작된 정기 회차는 선불로 청구된 것이므로 남은 회차에 포함되지 않습니다.",
    "이 견적은 해지 기준일 기준이며, 기준일이 바뀌면 금액이 달라질 수 있습니다.",
  ]) {
    flow.paragraph(text, { marker: "·" });
  }
  flow.pageNumbers(`중도해지 정산 견적서 · ${d.contractNumber}`);
  const pdfDoc = await PDFDocument.create();
  const pages = Array.from({ length: flow.canvas.pageCount }, () => pdfDoc.addPage([A4.width, A4.height]));
  await flow.canvas.paint({ pdfDoc, pages });
  pdfDoc.setTitle(`중도해지 정산 견적서 ${d.contractNumber}`);
  pdfDoc.setLanguage("ko-KR");
  pdfDoc.setCreator("SSP");
  return pdfDoc.save({ objectsPerTick: Number.POSITIVE_INFINITY });
}
