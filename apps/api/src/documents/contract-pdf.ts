import type { PlanTerms, Schedule } from "@ssp/domain";
import { sumWon } from "@ssp/domain";
import { PDFDocument } from "pdf-lib";
import type { FontMode } from "./fonts.js";
import { dottedDate, koreanDate, won } from "./format.js";
import { type DocumentPartner, letterhead, partnerLine, partnerRows } from "./partner-block.js";
import { A4 } from "./pdf-canvas.js";
import { PdfFlow } from "./pdf-flow.js";
import { type SignatureBox, writeSignatureBox } from "./signature-box.js";

/** Everything the contract PDF shows; terms are the plan fields frozen when it was drafted. */
export interface ContractDocument {
  number: string;
  /** YYYY-MM-DD */
  draftedOn: string;
  partner: DocumentPartner;
  customer: { name: string; birthDate: string; phone: string; email: string | null };
  product: { name: string; model: string };
  terms: PlanTerms;
  billingDay: number;
  installAddress: string;
  /** The installation date the schedule assumes; the real one is only known at installation. */
  assumedActivationOn: string;
  /** `billingSchedule({ terms, activatedOn: assumedActivationOn, billingDay })` */
  schedule: Schedule;
}

export interface RenderedContract {
  bytes: Uint8Array;
  signatureBox: SignatureBox;
  pageCount: number;
}

/**
 * The unsigned contract. The signature box is also written into the PDF (`/SSPSignatureBox`,
 * see signature-box.ts), so `sealContract` can find it from the stored bytes alone.
 */
export async function renderContractPdf(doc: ContractDocument): Promise<Uint8Array> {
  return (await renderContract(doc)).bytes;
}

/** `fontMode: "full"` embeds the whole font instead of the subset; only tests want that. */
export async function renderContract(
  doc: ContractDocument,
  options: { fontMode?: FontMode } = {},
): Promise<RenderedContract> {
  const flow = await PdfFlow.open({
    runningHead: `렌탈 계약서 · 계약번호 ${doc.number} · ${partnerLine(doc.partner)}`,
  });
  const t = doc.terms;

  letterhead(flow, doc.partner, `계약번호 ${doc.number}`);
  flow.gap(26);
  flow.title("렌탈 계약서");
  flow.canvas.textIn(flow.page, `작성일 ${koreanDate(doc.draftedOn)}`, {
    x: flow.left,
    y: flow.y - 9,
    w: flow.width,
    align: "center",
    size: 9,
    gray: 0.35,
  });
  flow.gap(18);
  flow.canvas.line(flow.page, {
    x1: flow.left,
    y1: flow.y,
    x2: flow.left + flow.width,
    y2: flow.y,
    width: 1.2,
  });
  flow.gap(10);
  flow.paragraph(
    `${doc.partner.name}(이하 "회사")와 ${doc.customer.name}(이하 "고객")은 아래 상품의 ${kindLabel(t)}에 관하여 다음과 같이 계약을 체결합니다.`,
  );

  flow.heading("1. 계약 당사자");
  flow.labelGrid([
    ...partnerRows(doc.partner),
    ["고객 성명", doc.customer.name, "생년월일", koreanDate(doc.customer.birthDate)],
    ["휴대전화", doc.customer.phone, "이메일", doc.customer.email ?? "-"],
    ["설치 주소", doc.installAddress],
  ]);

  flow.heading("2. 계약 상품");
  flow.labelGrid([["상품명", doc.product.name, "모델명", doc.product.model]]);

  flow.heading("3. 계약 조건");
  flow.labelGrid(termRows(doc));
  flow.gap(4);
  flow.paragraph(
    "위 조건은 계약서 작성 시점의 요금제 조건으로 확정되며, 이후 요금제가 변경되더라도 이 계약에는 적용되지 않습니다. 금액은 모두 부가가치세 포함입니다.",
    { size: 8.5, gray: 0.3 },
  );

  flow.heading("4. 납부 일정");
  flow.paragraph(scheduleNote(doc), { size: 8.5, gray: 0.3 });
  flow.gap(2);
  flow.table(
    [
      { title: "회차", width: 38, align: "center" },
      { title: "구분", width: 40, align: "center" },
      { title: "기간", width: 151.28, align: "center" },
      { title: "공급가액", width: 88, align: "right" },
      { title: "부가세", width: 80, align: "right" },
      { title: "합계", width: 98, align: "right" },
    ],
    scheduleRows(doc.schedule),
  );

  flow.heading("5. 중도 해지와 위약금");
  for (const [n, clause] of penaltyClauses(t).entries()) {
    flow.paragraph(clause.text, { marker: `${n + 1}.` });
    const marks = ["가.", "나.", "다.", "라."];
    for (const [i, item] of (clause.items ?? []).entries())
      flow.paragraph(item, { marker: marks[i], indent: 12 });
  }

  flow.heading("6. 청약철회");
  flow.paragraph(
    `고객은 제품 설치일로부터 ${t.coolingOffDays}일 이내에 청약을 철회할 수 있습니다. 이 경우 위약금, 철거비 등 어떠한 비용도 청구하지 않으며, 이미 납부한 금액은 전액 환불합니다.`,
  );

  flow.heading("7. 결제");
  flow.paragraph(
    `렌탈료는 매월 ${doc.billingDay}일에 해당 월 이용분을 미리 청구하며, 고객이 등록한 자동결제 수단으로 결제합니다. 첫 청구에는 설치일부터 첫 결제일 전날까지의 일할 금액${t.registrationFee > 0 && !t.registrationFeeWaived ? "과 등록비가" : "이"} 포함됩니다.`,
  );

  const signatureBox = signatureBlock(flow, doc);
  flow.pageNumbers(`계약번호 ${doc.number}`);

  const pdfDoc = await PDFDocument.create();
  const pages = Array.from({ length: flow.canvas.pageCount }, () => pdfDoc.addPage([A4.width, A4.height]));
  await flow.canvas.paint({ pdfDoc, pages, fontMode: options.fontMode });
  const drafted = new Date(`${doc.draftedOn}T00:00:00+09:00`);
  pdfDoc.setTitle(`렌탈 계약서 ${doc.number}`);
  pdfDoc.setAuthor(doc.partner.name);
  pdfDoc.setSubject(`${doc.customer.name} · ${doc.product.name}`);
  pdfDoc.setCreator("SSP");
  pdfDoc.setProducer("SSP");
  pdfDoc.setLanguage("ko-KR");
  // Fixed dates: the same contract renders to the same bytes, so its hash is reproducible.
  pdfDoc.setCreationDate(drafted);
  pdfDoc.setModificationDate(drafted);
  writeSignatureBox(pdfDoc, signatureBox);
  const bytes = await pdfDoc.save({ objectsPerTick: Number.POSITIVE_INFINITY });
  return { bytes, signatureBox, pageCount: pages.length };
}

function kindLabel(t: PlanTerms): string {
  return t.kind === "rental" ? "렌탈" : "구독";
}

function termRows(doc: ContractDocument): ([string, string] | [string, string, string, string])[] {
  const t = doc.terms;
  const registration =
    t.registrationFee === 0
      ? "없음"
      : t.registrationFeeWaived
        ? `${won(t.registrationFee)} 면제 (의무사용기간 내 해지 시 청구)`
        : `${won(t.registrationFee)} (첫 회 청구)`;
  const promotion =
    t.discountAmount > 0 && t.discountMonths > 0
      ? `정기 ${t.discountMonths}회차까지 월 ${won(t.discountAmount)} 할인 (의무사용기간 내 해지 시 반환)`
      : "없음";
  return [
    ["계약 유형", kindLabel(t), "월 렌탈료", `${won(t.monthlyFee)} (부가세 포함)`],
    [
      "계약 기간",
      t.termMonths === null ? "정함 없음 (해지 시까지)" : `${t.termMonths}개월`,
      "의무사용기간",
      t.mandatoryMonths > 0 ? `${t.mandatoryMonths}개월` : "없음",
    ],
    [
      "등록비",
      registration,
      "소유권 이전",
      t.ownershipTransfer ? "계약 기간 만료 시 고객에게 이전" : "없음 (계약 종료 시 반납)",
    ],
    [
      "방문관리",
      t.serviceIntervalMonths === null ? "없음" : `${t.serviceIntervalMonths}개월마다`,
      "위약금률",
      `잔여 의무기간 렌탈료의 ${t.earlyTerminationRate}%`,
    ],
    [
      "철거비",
      t.removalFee > 0 ? won(t.removalFee) : "없음",
      "청약철회 기간",
      `설치일로부터 ${t.coolingOffDays}일`,
    ],
    ["프로모션", promotion],
    [
      "결제일",
      `매월 ${doc.billingDay}일`,
      "계약 종료일",
      doc.schedule.endsOn === null ? "정함 없음" : `${koreanDate(doc.schedule.endsOn)} (예정)`,
    ],
  ];
}

function scheduleNote(doc: ContractDocument): string {
  const open =
    doc.terms.termMonths === null
      ? ` 계약 기간의 정함이 없으므로 처음 ${doc.schedule.periods.filter((p) => p.kind === "full").length}회차만 표시합니다.`
      : "";
  return `아래 일정은 설치일을 ${koreanDate(doc.assumedActivationOn)}로 가정하여 계산한 것입니다. 실제 설치일에 따라 일할 회차의 기간과 금액 및 이후 회차의 날짜가 달라집니다.${open}`;
}

function scheduleRows(schedule: Schedule): { cells: string[]; emphasis?: boolean }[] {
  const rows: { cells: string[]; emphasis?: boolean }[] = schedule.periods.map((p) => {
    const supply = sumWon(p.lines.map((l) => l.supply));
    const vat = sumWon(p.lines.map((l) => l.vat));
    const extras = p.lines.filter((l) => l.kind !== "rent").map((l) => `${l.description} 포함`);
    const period = `${dottedDate(p.start)} ~ ${dottedDate(p.end)}`;
    return {
      cells: [
        p.kind === "stub" ? "-" : String(p.index),
        p.kind === "stub" ? "일할" : "정기",
        extras.length > 0 ? `${period} (${extras.join(", ")})` : period,
        won(supply),
        won(vat),
        won(p.amount),
      ],
    };
  });
  const all = schedule.periods.flatMap((p) => p.lines);
  rows.push({
    cells: [
      "",
      "",
      "총 납부 예정액",
      won(sumWon(all.map((l) => l.supply))),
      won(sumWon(all.map((l) => l.vat))),
      won(sumWon(all.map((l) => l.amount))),
    ],
    emphasis: true,
  });
  return rows;
}

/** SPEC §4 "Early termination", in the words the customer reads. */
export function penaltyClauses(t: PlanTerms): { text: string; items?: string[] }[] {
  const items = [
    `위약금: 남은 의무사용 회차 수 × 월 렌탈료(${won(t.monthlyFee)}) × ${t.earlyTerminationRate}% (원 미만 버림)`,
  ];
  if (t.removalFee > 0) items.push(`철거비: ${won(t.removalFee)}`);
  if (t.registrationFeeWaived && t.registrationFee > 0)
    items.push(`면제받은 등록비: ${won(t.registrationFee)}`);
  if (t.discountAmount > 0 && t.discountMonths > 0) items.push("해지일까지 받은 프로모션 할인액 전액");
  if (t.mandatoryMonths === 0) {
    return [
      {
        text: `의무사용기간이 없으므로 언제 해지하더라도 위약금은 없습니다.${t.removalFee > 0 ? ` 다만 해지 시 철거비(${won(t.removalFee)})를 부담합니다.` : ""}`,
      },
      { text: "회사는 해지 전에 항목별 금액을 적은 해지 견적서를 고객에게 제시합니다." },
    ];
  }
  return [
    {
      text: `의무사용기간(${t.mandatoryMonths}개월) 중에 고객의 사정으로 계약을 해지하는 경우, 고객은 다음 금액의 합계를 회사에 지급합니다.`,
      items,
    },
    {
      text: "정기 회차는 그 첫날에 미리 청구하므로, 해지일 또는 그 이전에 시작된 회차는 이미 이용한 것으로 보아 남은 회차에 넣지 않으며 환불하지 않습니다. 설치일부터 첫 결제일 전날까지의 일할 회차는 의무사용기간에 포함하지 않습니다.",
    },
    {
      text:
        t.removalFee > 0
          ? `의무사용기간이 지난 뒤 해지하는 경우에는 철거비(${won(t.removalFee)})만 부담합니다.${t.ownershipTransfer ? " 다만 계약 기간이 끝나 소유권이 고객에게 이전된 경우에는 부담하지 않습니다." : ""}`
          : "의무사용기간이 지난 뒤 해지하는 경우에는 위약금을 부담하지 않습니다.",
    },
    { text: "회사는 해지 전에 항목별 금액을 적은 해지 견적서를 고객에게 제시합니다." },
  ];
}

const SIGN_BOX = { w: 170, h: 58 };

/** Kept on one page: 회사 on the left, the customer's box and date line on the right. */
function signatureBlock(flow: PdfFlow, doc: ContractDocument): SignatureBox {
  flow.ensure(150);
  flow.gap(14);
  flow.canvas.textIn(flow.page, "위 계약 내용을 충분히 읽고 이해하였으며 이에 동의합니다.", {
    x: flow.left,
    y: flow.y - 10,
    w: flow.width,
    align: "center",
    size: 10,
    weight: "bold",
  });
  flow.gap(30);
  const top = flow.y;
  const c = flow.canvas;
  const p = flow.page;
  const colW = flow.width / 2;
  const leftX = flow.left;
  const rightX = flow.left + colW + 10;
  c.text(p, "회사", { x: leftX, y: top - 10, size: 10, weight: "bold" });
  c.text(p, `상호: ${doc.partner.name}`, { x: leftX, y: top - 30, size: 9.5 });
  c.text(p, `대표자: ${doc.partner.representative || "-"}`, { x: leftX, y: top - 46, size: 9.5 });
  c.text(p, `사업자등록번호: ${doc.partner.businessNumber || "-"}`, { x: leftX, y: top - 62, size: 9.5 });
  c.text(p, `계약번호: ${doc.number}`, { x: leftX, y: top - 78, size: 9.5 });
  c.text(p, "고객", { x: rightX, y: top - 10, size: 10, weight: "bold" });
  c.text(p, `성명: ${doc.customer.name}`, { x: rightX, y: top - 30, size: 9.5 });
  c.text(p, "서명", { x: rightX, y: top - 62, size: 9.5 });
  const box: SignatureBox = {
    page: p,
    x: rightX + 32,
    y: top - 38 - SIGN_BOX.h,
    w: SIGN_BOX.w,
    h: SIGN_BOX.h,
  };
  c.rect(p, { x: box.x, y: box.y, w: box.w, h: box.h, stroke: 0.45, lineWidth: 1 });
  c.text(p, "서명일:", { x: rightX, y: box.y - 20, size: 9.5 });
  box.dateLine = { x: rightX + 38, y: box.y - 20 };
  c.line(p, { x1: rightX + 32, y1: box.y - 23, x2: box.x + box.w, y2: box.y - 23, gray: 0.5 });
  flow.y = box.y - 30;
  return box;
}
