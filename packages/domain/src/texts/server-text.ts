/**
 * Text the server makes (invoice lines, history notes) is kept as a key and its parameters, so
 * that each viewer reads it in their own language: the admin renders it with the chosen locale,
 * while documents and messages for the customer (PDFs, e-mails, exports) use the Korean.
 * The Korean rendering is also stored beside the key, as the words of record.
 */
export type Locale = "ko" | "en";
type Params = Record<string, string | number>;

/** A server-made sentence: what it says (`key`) and the values it says it about (`params`). */
export interface ServerText {
  key: TextKey;
  params?: Params;
}

interface Formats {
  /** A calendar date, `yyyy-MM-dd` in, the locale's way out. */
  date(iso: string | number): string;
  /** Whole won, with the locale's grouping and unit. */
  won(amount: string | number): string;
  /** A plain count. */
  n(value: string | number): string;
}

type Template = (p: Params, f: Formats) => string;

/** Every sentence the server makes, in Korean and English. */
const TEMPLATES = {
  // Invoice lines (SPEC §4) — the schedule, the termination quote, the relocation fee.
  "line.rent_stub": {
    ko: (p, f) => `일할 렌탈료 ${f.date(p.start!)} ~ ${f.date(p.end!)} (${p.days}일)`,
    en: (p, f) => `Pro-rated rent ${f.date(p.start!)} – ${f.date(p.end!)} (${p.days} days)`,
  },
  "line.rent": {
    ko: (p, f) => `월 렌탈료 ${f.date(p.start!)} ~ ${f.date(p.end!)}`,
    en: (p, f) => `Monthly rent ${f.date(p.start!)} – ${f.date(p.end!)}`,
  },
  "line.rent_discounted": {
    ko: (p, f) => `월 렌탈료 ${f.date(p.start!)} ~ ${f.date(p.end!)} (프로모션 ${f.won(p.discount!)} 할인)`,
    en: (p, f) =>
      `Monthly rent ${f.date(p.start!)} – ${f.date(p.end!)} (promotion, ${f.won(p.discount!)} off)`,
  },
  "line.registration_fee": { ko: () => "등록비", en: () => "Registration fee" },
  "line.penalty": {
    ko: (p, f) => `위약금: 잔여 의무사용 ${p.months}개월 × 월 ${f.won(p.monthlyFee!)} × ${p.rate}%`,
    en: (p, f) =>
      `Early-termination penalty: ${p.months} remaining months × ${f.won(p.monthlyFee!)} a month × ${p.rate}%`,
  },
  "line.removal_fee": { ko: () => "철거비", en: () => "Removal fee" },
  "line.registration_clawback": {
    ko: () => "면제된 등록비 환수",
    en: () => "Waived registration fee recovered",
  },
  "line.promotion_clawback": { ko: () => "프로모션 할인 환수", en: () => "Promotion discount recovered" },
  "line.late_interest": { ko: () => "연체 이자", en: () => "Late-payment interest" },
  "line.late_interest_earned": {
    ko: (p, f) => `연체이자 ${p.invoice} (${f.date(p.from!)} ~ ${f.date(p.to!)}, 연 ${p.rate}%)`,
    en: (p, f) => `Late interest on ${p.invoice} (${f.date(p.from!)} – ${f.date(p.to!)}, ${p.rate}% a year)`,
  },
  "line.relocation_fee": {
    ko: (p) => `이전설치비 (${p.ticket})`,
    en: (p) => `Relocation fee (${p.ticket})`,
  },

  // Order history.
  "order.created_by_staff": { ko: () => "직원 접수", en: () => "Received by staff" },
  "order.applied_online": {
    ko: (p) => `고객 온라인 신청 (${p.method === "kakao" ? "카카오" : "휴대폰 인증"})`,
    en: (p) => `Customer applied online (${p.method === "kakao" ? "Kakao" : "phone verification"})`,
  },
  "order.credit_checked": {
    ko: (p) => `신용조회 ${p.score}점 (${p.grade}등급)`,
    en: (p) => `Credit check: score ${p.score} (grade ${p.grade})`,
  },
  "order.credit_approved": { ko: (p) => `심사 승인: ${p.reason}`, en: (p) => `Review approved: ${p.reason}` },
  "order.credit_declined": { ko: (p) => `심사 거절: ${p.reason}`, en: (p) => `Review declined: ${p.reason}` },
  "order.contract_drafted": {
    ko: (p) => `계약서 작성 ${p.number}`,
    en: (p) => `Contract ${p.number} drafted`,
  },
  "order.contract_sent": { ko: (p) => `계약서 발송 ${p.number}`, en: (p) => `Contract ${p.number} sent` },
  "order.contract_signed": {
    ko: (p) => `고객 전자서명 완료 ${p.number}`,
    en: (p) => `Customer signed contract ${p.number}`,
  },
  "order.contract_declined": {
    ko: (p) => `고객 서명 거절: ${p.reason}`,
    en: (p) => `Customer declined to sign: ${p.reason}`,
  },
  "order.contract_cancelled": {
    ko: (p) => `계약 취소: ${p.reason}`,
    en: (p) => `Contract cancelled: ${p.reason}`,
  },
  "order.cancelled": { ko: (p) => `취소: ${p.reason}`, en: (p) => `Cancelled: ${p.reason}` },
  "order.ready_to_install": {
    ko: () => "서명·자동결제·자산 배정 완료",
    en: () => "Signed, auto-pay registered, unit allocated",
  },
  "order.delivery_scheduled": {
    ko: (p, f) => `설치 예약 ${f.date(p.date!)} · ${p.technician}`,
    en: (p, f) => `Installation booked for ${f.date(p.date!)} · ${p.technician}`,
  },
  "order.asset_allocated": { ko: (p) => `자산 배정 ${p.serial}`, en: (p) => `Unit ${p.serial} allocated` },
  "order.installed": {
    ko: (p, f) => `설치 완료 ${f.date(p.date!)} (${p.serial})`,
    en: (p, f) => `Installed on ${f.date(p.date!)} (${p.serial})`,
  },

  // Asset history.
  "asset.received": { ko: () => "입고", en: () => "Received into stock" },
  "asset.imported": { ko: () => "일괄 등록", en: () => "Bulk import" },
  "asset.initial": { ko: () => "초기 등록", en: () => "Initial registration" },
  "asset.allocated": { ko: (p) => `${p.contract} 배정`, en: (p) => `Allocated to ${p.contract}` },
  "asset.installed": {
    ko: (p, f) => `설치 완료 ${f.date(p.date!)}`,
    en: (p, f) => `Installed on ${f.date(p.date!)}`,
  },
  "asset.released": { ko: (p) => `계약 취소 ${p.contract}`, en: (p) => `Contract ${p.contract} cancelled` },
  "asset.recovery_after_termination": {
    ko: (p) => `해지 — 자산 회수 (${p.contract})`,
    en: (p) => `Terminated — unit to be recovered (${p.contract})`,
  },
  "asset.recovery_after_default": {
    ko: (p) => `채무불이행 해지 — 자산 회수 (${p.contract})`,
    en: (p) => `Terminated for default — unit to be recovered (${p.contract})`,
  },
  "asset.return_at_end_of_term": {
    ko: (p) => `만기 — 자산 반납 (${p.contract})`,
    en: (p) => `End of term — unit to be returned (${p.contract})`,
  },
  "asset.ownership_transferred": {
    ko: (p) => `만기 소유권 이전 ${p.contract}`,
    en: (p) => `Ownership passed to the customer at end of term (${p.contract})`,
  },
  "asset.holder_changed": {
    ko: (p) => `명의변경: ${p.from} → ${p.to}`,
    en: (p) => `Name transfer: ${p.from} → ${p.to}`,
  },

  // Ticket timeline.
  "ticket.contract_terminated": {
    ko: (p, f) => `계약 해지 처리 (${f.date(p.date!)}, 정산 ${f.won(p.total!)})`,
    en: (p, f) => `Contract terminated (${f.date(p.date!)}, settlement ${f.won(p.total!)})`,
  },
  "ticket.credit_issued": {
    ko: (p, f) => `감액 처리 ${f.won(p.amount!)} (청구서 ${p.invoice})`,
    en: (p, f) => `Credit of ${f.won(p.amount!)} issued (invoice ${p.invoice})`,
  },
  "ticket.received_from_customer": {
    ko: () => "고객 요청 접수",
    en: () => "Request received from the customer",
  },
  "ticket.received_by_staff": { ko: () => "상담 접수", en: () => "Received by staff" },
  "ticket.repair_booked": {
    ko: (p, f) => `수리 방문 예약 (${f.date(p.date!)})`,
    en: (p, f) => `Repair visit booked for ${f.date(p.date!)}`,
  },
  "ticket.relocation_booked": {
    ko: (p, f) => `이전설치 예약 (철거 ${f.date(p.removalOn!)}, 재설치 ${f.date(p.reinstallOn!)})`,
    en: (p, f) =>
      `Relocation booked (removal ${f.date(p.removalOn!)}, reinstallation ${f.date(p.reinstallOn!)})`,
  },
  "ticket.visit_done": {
    ko: (p, f) => `${VISIT_KIND.ko[String(p.kind)] ?? "방문"} 완료 (${f.date(p.date!)})`,
    en: (p, f) => `${VISIT_KIND.en[String(p.kind)] ?? "Visit"} completed (${f.date(p.date!)})`,
  },
  "ticket.relocation_done": { ko: () => "이전설치 완료", en: () => "Relocation completed" },
  "ticket.relocation_done_billed": {
    ko: (p, f) => `이전설치 완료, 이전설치비 ${f.won(p.fee!)} 청구 (${p.invoice})`,
    en: (p, f) => `Relocation completed, fee of ${f.won(p.fee!)} invoiced (${p.invoice})`,
  },

  // Name transfers (명의변경), on the ticket's timeline.
  "transfer.requested": {
    ko: (p) => `명의변경 신청 (${p.contract} → ${p.holder})${p.note ? `: ${p.note}` : ""}`,
    en: (p) => `Name transfer requested (${p.contract} → ${p.holder})${p.note ? `: ${p.note}` : ""}`,
  },
  "transfer.credit_checked": {
    ko: (p) =>
      `명의변경 신용조회 ${p.score}점 (${p.grade}등급): ${CREDIT_OUTCOME.ko[String(p.outcome)] ?? p.outcome}`,
    en: (p) =>
      `Name transfer credit check: score ${p.score} (grade ${p.grade}): ${CREDIT_OUTCOME.en[String(p.outcome)] ?? p.outcome}`,
  },
  "transfer.credit_approved": {
    ko: (p) => `명의변경 신용 심사 승인: ${p.reason}`,
    en: (p) => `Name transfer review approved: ${p.reason}`,
  },
  "transfer.credit_declined": {
    ko: (p) => `명의변경 신용 심사 거절: ${p.reason}`,
    en: (p) => `Name transfer review declined: ${p.reason}`,
  },
  "transfer.sent": {
    ko: (p) => `명의변경 계약서 발송 (${CHANNEL.ko[String(p.channel)] ?? p.channel})`,
    en: (p) => `Name transfer agreement sent (${CHANNEL.en[String(p.channel)] ?? p.channel})`,
  },
  "transfer.cancelled": {
    ko: (p) => `명의변경 취소: ${p.reason}`,
    en: (p) => `Name transfer cancelled: ${p.reason}`,
  },
  "transfer.completed": {
    ko: (p) => `명의변경 완료 ${p.contract}: ${p.from} → ${p.to}`,
    en: (p) => `Name transfer completed, ${p.contract}: ${p.from} → ${p.to}`,
  },
} satisfies Record<string, Record<Locale, Template>>;

const VISIT_KIND: Record<Locale, Record<string, string>> = {
  ko: { repair: "수리", removal: "철거", reinstallation: "재설치", regular: "정기 방문" },
  en: { repair: "Repair", removal: "Removal", reinstallation: "Reinstallation", regular: "Regular visit" },
};
const CREDIT_OUTCOME: Record<Locale, Record<string, string>> = {
  ko: { approved: "승인", review: "심사 필요", declined: "거절" },
  en: { approved: "approved", review: "needs review", declined: "declined" },
};
const CHANNEL: Record<Locale, Record<string, string>> = {
  ko: { email: "이메일", alimtalk: "알림톡", sms: "문자" },
  en: { email: "e-mail", alimtalk: "KakaoTalk", sms: "SMS" },
};

export type TextKey = keyof typeof TEMPLATES;

export const SERVER_TEXT_KEYS = Object.keys(TEMPLATES) as TextKey[];

/** A server text with its key checked by the compiler. */
export function text(key: TextKey, params?: Params): ServerText {
  return params ? { key, params } : { key };
}

export function isTextKey(key: unknown): key is TextKey {
  return typeof key === "string" && Object.hasOwn(TEMPLATES, key);
}

const FORMATS: Record<Locale, Formats> = {
  ko: {
    date: (iso) => String(iso),
    won: (amount) => `${Number(amount).toLocaleString("ko-KR")}원`,
    n: (value) => Number(value).toLocaleString("ko-KR"),
  },
  en: {
    date: (iso) => {
      const day = new Date(`${iso}T00:00:00Z`);
      return Number.isNaN(day.getTime())
        ? String(iso)
        : day.toLocaleDateString("en-US", { dateStyle: "medium", timeZone: "UTC" });
    },
    won: (amount) => `₩${Number(amount).toLocaleString("en-US")}`,
    n: (value) => Number(value).toLocaleString("en-US"),
  },
};

/** The sentence in `locale`; a key this build does not know (from a newer one) comes back as is. */
export function renderText(t: ServerText, locale: Locale = "ko"): string {
  if (!isTextKey(t.key)) return t.key;
  const template: Template = TEMPLATES[t.key][locale];
  return template(t.params ?? {}, FORMATS[locale]);
}
