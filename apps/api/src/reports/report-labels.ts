import { type SQL, sql } from "drizzle-orm";
import type { ReportLanguage } from "./report-columns.js";

type Labels = Record<string, { ko: string; en: string }>;

/** Codes as people read them (labels, not enum values), in the admin's words. */
export const LABELS = {
  periodKind: {
    stub: { ko: "일할", en: "Stub" },
    full: { ko: "정기", en: "Monthly" },
    exit: { ko: "해지정산", en: "Exit" },
  },
  invoiceStatus: {
    open: { ko: "미납", en: "Open" },
    paid: { ko: "완납", en: "Paid" },
    void: { ko: "취소", en: "Void" },
  },
  paymentStatus: {
    succeeded: { ko: "성공", en: "Succeeded" },
    failed: { ko: "실패", en: "Failed" },
    pending: { ko: "대기", en: "Pending" },
  },
  method: {
    bank_transfer: { ko: "계좌이체", en: "Bank transfer" },
    sandbox: { ko: "테스트 카드", en: "Sandbox card" },
    kakaopay: { ko: "카카오페이", en: "KakaoPay" },
    toss: { ko: "토스페이먼츠", en: "Toss Payments" },
    none: { ko: "결제수단 없음", en: "No method" },
  },
  lineKind: {
    rent: { ko: "렌탈료", en: "Rent" },
    registration_fee: { ko: "등록비", en: "Registration fee" },
    late_interest: { ko: "연체이자", en: "Late interest" },
    penalty: { ko: "위약금", en: "Penalty" },
    removal_fee: { ko: "철거비", en: "Removal fee" },
    registration_clawback: { ko: "등록비 환수", en: "Registration clawback" },
    promotion_clawback: { ko: "할인 환수", en: "Promotion clawback" },
    relocation_fee: { ko: "이전설치비", en: "Relocation fee" },
  },
  assetStatus: {
    in_stock: { ko: "재고", en: "In stock" },
    reserved: { ko: "예약", en: "Reserved" },
    installed: { ko: "설치", en: "Installed" },
    returned: { ko: "회수", en: "Returned" },
    refurbishing: { ko: "정비", en: "Refurbishing" },
    retired: { ko: "폐기", en: "Retired" },
    lost: { ko: "분실", en: "Lost" },
    transferred: { ko: "소유권 이전", en: "Transferred" },
  },
  adjustment: {
    credit_note: { ko: "감액(크레딧노트)", en: "Credit note" },
    refund: { ko: "환불", en: "Refund" },
    cancellation: { ko: "청약철회·취소", en: "Cancellation" },
    termination: { ko: "중도해지", en: "Termination" },
  },
  journalSource: {
    invoice: { ko: "매출", en: "Invoice" },
    payment: { ko: "수납", en: "Payment" },
    refund: { ko: "환불", en: "Refund" },
    credit_note: { ko: "감액", en: "Credit note" },
    cancellation: { ko: "취소", en: "Cancellation" },
  },
} satisfies Record<string, Labels>;

/** A CASE that shows a code's label; an unknown code shows as itself rather than vanishing. */
export function labelOf(expression: SQL, labels: Labels, lang: ReportLanguage): SQL {
  const whens = Object.entries(labels).map(
    ([code, label]) => sql`when ${sql.raw(quote(code))} then ${sql.raw(quote(label[lang]))}`,
  );
  return sql`case ${expression} ${sql.join(whens, sql` `)} else ${expression} end`;
}

/** Labels are constants of this file, never input; quoted for SQL all the same. */
function quote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
