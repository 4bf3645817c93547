import { eq } from "drizzle-orm";
import { partners } from "../db/schema/index.js";
import { inTenantTransaction } from "../db/tenant.js";
import type { ApiRoutes, Reply } from "../http/api-routes.js";
import { type AppDeps, publicContext } from "../http/context.js";
import { AppError } from "../http/errors.js";
import { readUnsubscribeToken, withdrawMarketingConsent } from "./unsubscribe.js";

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** A small Korean page in the partner's name (no script: a form posts the refusal). */
function page(input: { partner: string; title: string; text: string; button?: boolean }): Reply {
  const form = input.button
    ? `<form method="post"><button type="submit" style="font-size:16px;padding:10px 20px">광고성 정보 수신거부</button></form>`
    : "";
  const html = `<!doctype html><html lang="ko"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(input.title)}</title></head><body style="font-family:sans-serif;line-height:1.6;color:#222;max-width:480px;margin:0 auto;padding:32px 24px"><h1 style="font-size:18px">${escapeHtml(input.partner)}</h1><h2 style="font-size:16px">${escapeHtml(input.title)}</h2><p>${escapeHtml(input.text)}</p>${form}</body></html>`;
  return {
    body: null,
    headers: { "Cache-Control": "no-store" },
    file: { contentType: "text/html; charset=utf-8", bytes: new TextEncoder().encode(html) },
  };
}

/**
 * The unsubscribe link of marketing e-mail (정보통신망법 §50). GET only asks (mail scanners open
 * links; they must not unsubscribe anyone), POST refuses: the page's button, or a mail reader's
 * one-click unsubscribe (RFC 8058, from the List-Unsubscribe header).
 */
export function registerUnsubscribeRoutes(routes: ApiRoutes, deps: AppDeps): void {
  const tag = "public unsubscribe";
  const whoOf = (token: string) => {
    const who = token.length <= 500 ? readUnsubscribeToken(deps.config.secretBox, token) : null;
    if (!who)
      throw new AppError(
        400,
        "unsubscribe_link_invalid",
        "수신거부 링크가 올바르지 않습니다. 메일의 링크를 다시 확인해 주세요.",
      );
    return who;
  };
  const partnerName = async (partnerId: number) => {
    const [row] = await deps.database.db
      .select({ name: partners.name })
      .from(partners)
      .where(eq(partners.id, partnerId));
    return row?.name ?? "";
  };

  routes.open(
    { method: "get", path: "/public/unsubscribe/:token", summary: "Marketing e-mail unsubscribe page", tag },
    async ({ params }) => {
      const who = whoOf(String(params.token));
      return page({
        partner: await partnerName(who.partnerId),
        title: "광고성 정보 수신거부",
        text: "아래 버튼을 누르면 이 업체의 광고성 정보(이메일·알림톡·문자)를 더 이상 받지 않습니다. 계약·결제 안내는 계속 발송됩니다.",
        button: true,
      });
    },
  );

  routes.open(
    { method: "post", path: "/public/unsubscribe/:token", summary: "Withdraw marketing consent", tag },
    async ({ params, req }) => {
      const who = whoOf(String(params.token));
      const scope = { kind: "partner", partnerId: who.partnerId } as const;
      const result = await inTenantTransaction(deps.database.db, scope, (tx) =>
        withdrawMarketingConsent(publicContext(deps, { tx, scope, req }), who),
      );
      if (!result) throw new AppError(404, "not_found", "찾을 수 없는 페이지입니다.");
      return page({
        partner: await partnerName(who.partnerId),
        title: "수신거부가 완료되었습니다",
        text: `${new Intl.DateTimeFormat("ko-KR", { dateStyle: "long", timeZone: "Asia/Seoul" }).format(deps.clock.now())}부로 광고성 정보 수신을 거부하셨습니다. 다시 받으시려면 고객센터로 알려 주세요.`,
      });
    },
  );
}
