/**
 * Korean message templates, one per event (SPEC §3 Notifications). Each returns the subject and
 * the plain-text body; the outbox stores the rendered text, so what was sent is what is shown.
 */
export type TemplateName =
  | "contract_sent"
  | "contract_signed"
  | "payment_method_registered"
  | "payment_link_sent"
  | "transfer_sent"
  | "transfer_completed"
  | "phone_code"
  | "payment_failed"
  | "contract_suspended"
  | "formal_demand"
  | "contract_terminated"
  | "contract_reactivated"
  | "contract_completed"
  | "payment_succeeded"
  | "order_received"
  | "upcoming_charge"
  | "contract_ending"
  | "card_expiring"
  | "promotion"
  | "service_visit_reminder";

type Vars = Record<string, string>;

const TEMPLATES: Record<TemplateName, (v: Vars) => { subject: string; body: string }> = {
  contract_sent: (v) => ({
    subject: `[${v.partner}] 렌탈 계약서 전자서명 요청 (${v.number})`,
    body: [
      `${v.customer} 고객님, 안녕하세요. ${v.partner}입니다.`,
      "",
      `${v.product} 렌탈 계약서(${v.number})를 보내드립니다.`,
      "아래 링크에서 본인 확인(생년월일) 후 계약서를 읽고 서명해 주세요.",
      "",
      v.link!,
      "",
      `이 링크는 ${v.expires}까지 유효하며, 한 번 서명하면 다시 사용할 수 없습니다.`,
      "본인이 신청하지 않으셨다면 이 메일을 무시하시고 고객센터로 알려 주세요.",
    ].join("\n"),
  }),
  contract_signed: (v) => ({
    subject: `[${v.partner}] 계약서 서명이 완료되었습니다 (${v.number})`,
    body: [
      `${v.customer} 고객님, 계약서 서명이 완료되었습니다.`,
      "",
      `계약번호: ${v.number}`,
      `문서 지문(SHA-256): ${v.sha256}`,
      "",
      "설치 일정은 담당 기사가 연락드립니다. 설치일로부터 청약철회 기간 안에는 위약금 없이 철회하실 수 있습니다.",
      ...(v.page
        ? [
            "",
            "고객님 전용 페이지에서 계약서, 청구서와 영수증을 보고 결제 카드 변경이나 수리·이전·해지 요청을 하실 수 있습니다:",
            v.page,
          ]
        : []),
    ].join("\n"),
  }),
  transfer_sent: (v) => ({
    subject: `[${v.partner}] 명의변경 계약 전자서명 요청 (${v.number})`,
    body: [
      `${v.customer} 고객님, 안녕하세요. ${v.partner}입니다.`,
      "",
      `${v.product} 렌탈 계약 ${v.number}을(를) 고객님 명의로 이어받는 명의변경 계약서입니다.`,
      "아래 링크에서 생년월일로 본인 확인을 한 뒤 계약서를 확인하고 서명해 주세요.",
      "",
      v.link!,
      "",
      `이 링크는 ${v.expires}까지 유효합니다.`,
    ].join("\n"),
  }),
  transfer_completed: (v) => ({
    subject: `[${v.partner}] 명의변경이 완료되었습니다 (${v.number})`,
    body: [
      `${v.customer} 고객님, 계약 ${v.number}의 명의변경이 완료되었습니다.`,
      "",
      `문서 지문(SHA-256): ${v.sha256}`,
      "",
      "자동결제 수단은 새로 등록하셔야 합니다. 별도로 보내드리는 결제수단 등록 링크를 이용해 주세요.",
      "",
      "고객님 전용 페이지에서 계약서, 청구서와 영수증을 보고 수리·이전·해지 요청을 하실 수 있습니다:",
      v.page!,
    ].join("\n"),
  }),
  payment_link_sent: (v) => ({
    subject: `[${v.partner}] 자동결제 수단 등록 요청 (${v.number})`,
    body: [
      `${v.customer} 고객님, 안녕하세요. ${v.partner}입니다.`,
      "",
      `계약 ${v.number}의 자동결제 수단(카드)을 아래 링크에서 등록해 주세요.`,
      "생년월일로 본인 확인을 한 뒤 등록하실 수 있습니다.",
      "",
      v.link!,
      "",
      `이 링크는 ${v.expires}까지 유효합니다. 이전에 받은 링크는 더 이상 사용할 수 없습니다.`,
    ].join("\n"),
  }),
  payment_method_registered: (v) => ({
    subject: `[${v.partner}] 자동결제 수단이 등록되었습니다`,
    body: `${v.customer} 고객님, 계약 ${v.number}의 자동결제 수단(${v.display})이 등록되었습니다.`,
  }),
  payment_failed: (v) => ({
    subject: `[${v.partner}] 자동결제가 실패했습니다 (${v.number})`,
    body: `${v.customer} 고객님, 청구서 ${v.number}(${v.amount}원)의 자동결제(${v.attempt}차)가 실패했습니다. 결제수단을 확인해 주세요. 정해진 날짜에 다시 시도합니다.`,
  }),
  contract_suspended: (v) => ({
    subject: `[${v.partner}] 서비스가 일시 정지되었습니다 (${v.number})`,
    body: `${v.customer} 고객님, 계약 ${v.number}의 요금이 연체되어(${v.reason}) 서비스가 일시 정지되었습니다. 미납 요금을 납부하시면 바로 재개됩니다.`,
  }),
  formal_demand: (v) => ({
    subject: `[${v.partner}] 최고서: 미납 요금 납부 요청 (${v.number})`,
    body: `${v.customer} 고객님, 계약 ${v.number}의 요금 ${v.count}건이 미납 상태입니다. ${v.deadline}까지 납부하지 않으시면 계약이 해지되며 위약금 등이 청구됩니다.`,
  }),
  contract_terminated: (v) => ({
    subject: `[${v.partner}] 계약이 해지되었습니다 (${v.number})`,
    body: `${v.customer} 고객님, 계약 ${v.number}이 해지되었습니다 (${v.reason}). 정산 금액 ${v.total}원이 청구되며, 제품 회수를 위해 연락드리겠습니다.`,
  }),
  contract_reactivated: (v) => ({
    subject: `[${v.partner}] 서비스가 다시 시작되었습니다 (${v.number})`,
    body: `${v.customer} 고객님, 계약 ${v.number}의 미납 요금이 모두 납부되어 서비스가 다시 시작되었습니다. 이용해 주셔서 감사합니다.`,
  }),
  contract_completed: (v) => ({
    subject: `[${v.partner}] 계약 기간이 만료되었습니다 (${v.number})`,
    body: `${v.customer} 고객님, 계약 ${v.number}이 ${v.endedOn}에 만료되었습니다. ${v.outcome}`,
  }),
  service_visit_reminder: (v) => ({
    subject: `[${v.partner}] 내일 방문 점검 안내 (${v.date})`,
    body: [
      `${v.customer} 고객님, 안녕하세요. ${v.partner}입니다.`,
      "",
      `내일(${v.date}) ${v.product} 정기 방문 점검이 예정되어 있습니다.${v.technician ? ` 담당 기사: ${v.technician}.` : ""}`,
      `계약번호: ${v.number}`,
      "",
      "일정 변경이 필요하시면 고객센터로 연락 주세요.",
    ].join("\n"),
  }),
  payment_succeeded: (v) => ({
    subject: `[${v.partner}] 결제가 완료되었습니다 (${v.number})`,
    body: `${v.customer} 고객님, 청구서 ${v.number}의 ${v.amount}원이 결제되었습니다. 감사합니다.`,
  }),
  phone_code: (v) => ({
    subject: `[${v.partner}] 인증번호`,
    body: `[${v.partner}] 인증번호 ${v.code} 를 입력해 주세요. (5분 이내)`,
  }),
  upcoming_charge: (v) => ({
    subject: `[${v.partner}] 결제 예정 안내 (${v.number})`,
    body: `${v.customer} 고객님, ${v.dueDate}에 청구서 ${v.number}의 ${v.amount}원이 자동결제될 예정입니다. 결제수단(${v.method})을 확인해 주세요.`,
  }),
  contract_ending: (v) => ({
    subject: `[${v.partner}] 계약 만료 예정 안내 (${v.number})`,
    body: `${v.customer} 고객님, 계약 ${v.number}(${v.product})이 ${v.endDate}에 만료됩니다. 연장이나 반납을 원하시면 고객센터로 알려 주세요.`,
  }),
  card_expiring: (v) => ({
    subject: `[${v.partner}] 자동결제 카드 유효기간 만료 예정 (${v.number})`,
    body: `${v.customer} 고객님, 계약 ${v.number}의 자동결제 카드(${v.display})가 ${v.expiry}에 만료됩니다. 결제가 끊기지 않도록 새 카드를 등록해 주세요.`,
  }),
  promotion: (v) => ({
    subject: `[광고] [${v.partner}] ${v.title}`,
    body: `(광고) ${v.customer} 고객님, ${v.text}`,
  }),
  order_received: (v) => ({
    subject: `[${v.partner}] 렌탈 신청이 접수되었습니다`,
    body: `${v.customer} 고객님, ${v.product} 렌탈 신청이 접수되었습니다. 심사 결과를 안내해 드리겠습니다.`,
  }),
};

/**
 * The variables each template reads (beyond `partner`, which the outbox fills in): a partner's
 * approved alimtalk template may use only these, as `#{name}`.
 */
export const TEMPLATE_VARIABLES: Record<TemplateName, readonly string[]> = {
  contract_sent: ["customer", "product", "number", "link", "expires"],
  contract_signed: ["customer", "number", "sha256", "page"],
  payment_method_registered: ["customer", "number", "display"],
  phone_code: ["code"],
  payment_failed: ["customer", "number", "amount", "attempt"],
  contract_suspended: ["customer", "number", "reason"],
  formal_demand: ["customer", "number", "count", "deadline"],
  contract_terminated: ["customer", "number", "reason", "total"],
  contract_reactivated: ["customer", "number"],
  contract_completed: ["customer", "number", "endedOn", "outcome"],
  payment_succeeded: ["customer", "number", "amount"],
  order_received: ["customer", "product"],
  upcoming_charge: ["customer", "number", "amount", "dueDate", "method"],
  contract_ending: ["customer", "number", "product", "endDate"],
  card_expiring: ["customer", "number", "display", "expiry"],
  promotion: ["customer", "title", "text"],
  payment_link_sent: ["customer", "number", "link", "expires"],
  transfer_sent: ["customer", "product", "number", "link", "expires"],
  transfer_completed: ["customer", "number", "sha256", "page"],
  service_visit_reminder: ["customer", "number", "product", "date", "technician"],
};
export const TEMPLATE_NAMES = Object.keys(TEMPLATE_VARIABLES) as TemplateName[];

/** Advertising: consent needed, never at night, an unsubscribe link in the e-mail. */
export const MARKETING_TEMPLATES: ReadonlySet<TemplateName> = new Set(["promotion"]);

/** The `#{name}` placeholders of an alimtalk template text that the event does not provide. */
export function unknownVariables(name: TemplateName, text: string): string[] {
  const allowed = new Set([...TEMPLATE_VARIABLES[name], "partner"]);
  const used = [...text.matchAll(/#\{([^}]*)\}/g)].map((m) => m[1]!);
  return [...new Set(used.filter((v) => !allowed.has(v)))];
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/**
 * The e-mail's HTML part: the same text, links made clickable, headed with the partner's name
 * (never the platform's), and for marketing an unsubscribe link at the foot.
 */
export function renderHtml(input: {
  partner: string;
  subject: string;
  body: string;
  unsubscribeUrl?: string;
}): string {
  const paragraphs = escapeHtml(input.body)
    .split("\n\n")
    .map((p) => p.replace(/(https?:\/\/[^\s<]+)/g, '<a href="$1">$1</a>').replace(/\n/g, "<br>"))
    .map((p) => `<p style="margin:0 0 16px">${p}</p>`)
    .join("");
  const unsubscribe = input.unsubscribeUrl
    ? `<p style="font-size:12px;color:#666">수신을 원하지 않으시면 <a href="${escapeHtml(input.unsubscribeUrl)}">수신거부</a>를 눌러 주세요.</p>`
    : "";
  return `<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>${escapeHtml(input.subject)}</title></head><body style="font-family:sans-serif;line-height:1.6;color:#222;max-width:560px;margin:0 auto;padding:24px"><h1 style="font-size:18px;margin:0 0 24px">${escapeHtml(input.partner)}</h1>${paragraphs}<hr style="border:none;border-top:1px solid #ddd"><p style="font-size:12px;color:#666">${escapeHtml(input.partner)}</p>${unsubscribe}</body></html>`;
}

export function renderTemplate(name: TemplateName, vars: Vars): { subject: string; body: string } {
  return TEMPLATES[name](vars);
}
