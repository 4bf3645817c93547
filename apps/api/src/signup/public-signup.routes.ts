import { and, asc, eq } from "drizzle-orm";
import { KakaoLoginError, KakaoTokenRejected } from "../adapters/kakao/kakao-login.js";
import { partnerLogos, partners, plansCurrent, products } from "../db/schema/index.js";
import { inTenantTransaction } from "../db/tenant.js";
import type { ApiRoutes } from "../http/api-routes.js";
import { type AppDeps, publicContext } from "../http/context.js";
import { AppError } from "../http/errors.js";
import { publicPartner } from "../partners/partner-identity.js";
import { openSecret } from "../partners/partner-secrets.js";
import { ZPartnerSettings } from "../partners/partners.schemas.js";
import { applicantSession, startApplicantSession } from "./applicant-session.js";
import { apply } from "./apply.js";
import { claimKakaoAttempt, startKakaoAttempt } from "./kakao-login-attempts.js";
import { confirmPhoneCode, sendPhoneCode } from "./phone-verification.js";
import {
  TERMS_VERSION,
  ZApplyRequest,
  ZConfirmPhoneRequest,
  ZKakaoCallbackQuery,
  ZPartnerQuery,
  ZVerifyPhoneRequest,
} from "./signup.schemas.js";

const KAKAO_STATE_COOKIE = "ssp_kakao_state";

/**
 * The public application page's API (SPEC §5 "Public signup and application"): no staff login,
 * partner by slug, the applicant proven by Kakao Login or a phone code.
 */
export function registerPublicSignupRoutes(routes: ApiRoutes, deps: AppDeps): void {
  const tag = "public signup";
  const db = deps.database.db;
  const secure = deps.config.secureCookies;

  async function partnerBySlug(slug: string) {
    const [partner] = await db.select().from(partners).where(eq(partners.slug, slug));
    if (!partner) throw new AppError(404, "not_found", "찾을 수 없는 페이지입니다.");
    return { ...partner, settings: ZPartnerSettings.parse(partner.settings ?? {}) };
  }
  const kakaoApp = (partner: Awaited<ReturnType<typeof partnerBySlug>>) => ({
    restApiKey: partner.settings.kakao.restApiKey,
    clientSecret: openSecret(deps.config.secretBox, partner.settings.kakao.clientSecret),
    redirectUri: `${deps.config.publicUrl}/api/public/auth/kakao/callback`,
  });

  routes.open(
    {
      method: "get",
      path: "/public/partners/:slug/logo",
      summary: "A partner's logo image (public pages, e-mails)",
      tag,
    },
    async ({ req }) => {
      const partner = await partnerBySlug(String(req.params.slug));
      const [logo] = await inTenantTransaction(db, { kind: "partner", partnerId: partner.id }, (tx) =>
        tx.select().from(partnerLogos).where(eq(partnerLogos.partnerId, partner.id)),
      );
      if (!logo) throw new AppError(404, "not_found", "찾을 수 없는 페이지입니다.");
      return { body: null, file: { contentType: logo.contentType, bytes: logo.bytes } };
    },
  );

  routes.open(
    {
      method: "get",
      path: "/public/partners/:slug",
      summary: "A partner's name and the plans it offers",
      tag,
    },
    async ({ req }) => {
      const partner = await partnerBySlug(String(req.params.slug));
      const offered = await inTenantTransaction(db, { kind: "partner", partnerId: partner.id }, (tx) =>
        tx
          .select({
            id: plansCurrent.id,
            name: plansCurrent.name,
            productName: products.name,
            productModel: products.model,
            category: products.category,
            kind: plansCurrent.kind,
            monthlyFee: plansCurrent.monthlyFee,
            termMonths: plansCurrent.termMonths,
            mandatoryMonths: plansCurrent.mandatoryMonths,
            registrationFee: plansCurrent.registrationFee,
            registrationFeeWaived: plansCurrent.registrationFeeWaived,
            discountAmount: plansCurrent.discountAmount,
            discountMonths: plansCurrent.discountMonths,
          })
          .from(plansCurrent)
          .innerJoin(products, eq(products.id, plansCurrent.productId))
          .where(and(eq(plansCurrent.partnerId, partner.id), eq(plansCurrent.active, true)))
          .orderBy(asc(plansCurrent.id)),
      );
      return {
        body: {
          name: partner.name,
          slug: partner.slug,
          partner: publicPartner(partner),
          kakaoEnabled: partner.settings.kakao.enabled && partner.settings.kakao.restApiKey !== "",
          termsVersion: TERMS_VERSION,
          plans: offered,
        },
      };
    },
  );

  routes.open(
    {
      method: "get",
      path: "/public/auth/kakao/start",
      summary: "Start Kakao Login (redirects to Kakao)",
      tag,
      query: ZPartnerQuery,
    },
    async ({ query }, res) => {
      const partner = await partnerBySlug(query.partner);
      if (!partner.settings.kakao.enabled)
        throw new AppError(404, "not_found", "카카오 로그인을 사용하지 않는 파트너입니다.");
      const { state, nonce } = await startKakaoAttempt(db, { partnerId: partner.id, now: deps.clock.now() });
      res.cookie(KAKAO_STATE_COOKIE, `${state}.${partner.slug}`, {
        httpOnly: true,
        sameSite: "lax",
        secure,
        path: "/api/public/auth/kakao",
        maxAge: 10 * 60_000,
      });
      const location = deps.adapters.kakao.authorizeUrl(kakaoApp(partner), { state, nonce });
      return { status: 302, body: null, headers: { Location: location } };
    },
  );

  routes.open(
    {
      method: "get",
      path: "/public/auth/kakao/callback",
      summary: "Kakao Login callback",
      tag,
      query: ZKakaoCallbackQuery,
    },
    async ({ query, req }, res) => {
      const cookie = String(req.cookies?.[KAKAO_STATE_COOKIE] ?? "");
      const [state, slug] = cookie.split(".");
      if (!state || state !== query.state || !slug)
        throw new AppError(400, "state_mismatch", "로그인 요청이 만료되었습니다. 다시 시도해 주세요.");
      const partner = await partnerBySlug(slug);
      const now = deps.clock.now();
      // Claimed before Kakao is asked, so a callback replayed (or raced) with this state fails.
      const nonce = await claimKakaoAttempt(db, { state, partnerId: partner.id, now });
      if (!nonce)
        throw new AppError(400, "state_mismatch", "로그인 요청이 만료되었습니다. 다시 시도해 주세요.");
      let profile: Awaited<ReturnType<typeof deps.adapters.kakao.profileFor>>;
      try {
        profile = await deps.adapters.kakao.profileFor(kakaoApp(partner), { code: query.code, nonce, now });
      } catch (error) {
        if (error instanceof KakaoTokenRejected)
          throw new AppError(
            400,
            "kakao_token_invalid",
            "카카오 로그인 정보를 확인하지 못했습니다. 처음부터 다시 시도해 주세요.",
          );
        if (error instanceof KakaoLoginError)
          throw new AppError(
            502,
            "kakao_unavailable",
            "카카오 로그인에 실패했습니다. 잠시 후 다시 시도해 주세요.",
          );
        throw error;
      }
      await startApplicantSession(db, res, {
        partnerId: partner.id,
        method: "kakao",
        now: deps.clock.now(),
        secure,
        kakaoSubject: profile.subject,
        ...profileFields(profile),
      });
      res.clearCookie(KAKAO_STATE_COOKIE, { path: "/api/public/auth/kakao" });
      return { status: 302, body: null, headers: { Location: `/apply/${partner.slug}?signup=kakao` } };
    },
  );

  routes.open(
    {
      method: "post",
      path: "/public/verify-phone",
      summary: "Send a six-digit code to a phone",
      tag,
      body: ZVerifyPhoneRequest,
    },
    async ({ body }) => {
      const partner = await partnerBySlug(body.partner);
      await sendPhoneCode(db, { partner, phone: body.phone, now: deps.clock.now() });
      return { body: { sent: true, expiresInSeconds: 300 } };
    },
  );

  routes.open(
    {
      method: "post",
      path: "/public/verify-phone/confirm",
      summary: "Confirm the phone code",
      tag,
      body: ZConfirmPhoneRequest,
    },
    async ({ body }, res) => {
      const partner = await partnerBySlug(body.partner);
      const result = await confirmPhoneCode(db, {
        partnerId: partner.id,
        phone: body.phone,
        code: body.code,
        now: deps.clock.now(),
      });
      if (!result.ok) {
        return {
          status: 400,
          body: {
            code: "code_invalid",
            message: "인증번호가 맞지 않거나 만료되었습니다.",
            remainingAttempts: result.remainingAttempts,
          },
        };
      }
      await startApplicantSession(db, res, {
        partnerId: partner.id,
        method: "phone",
        now: deps.clock.now(),
        secure,
        phone: body.phone,
      });
      return { body: { verified: true } };
    },
  );

  routes.open(
    {
      method: "get",
      path: "/public/applicant",
      summary: "Who the applicant proved to be (to prefill the form)",
      tag,
      query: ZPartnerQuery,
    },
    async ({ query, req }) => {
      const partner = await partnerBySlug(query.partner);
      const session = await applicantSession(db, req, partner.id, deps.clock.now());
      if (!session)
        throw new AppError(401, "applicant_required", "먼저 카카오 또는 휴대폰 인증으로 가입해 주세요.");
      return {
        body: {
          method: session.method,
          name: session.name,
          email: session.email,
          phone: session.phone,
          birthDate: session.birthDate,
        },
      };
    },
  );

  routes.open(
    {
      method: "post",
      path: "/public/apply/:slug",
      summary: "Apply: consents, plan, address, billing day → order + credit check",
      tag,
      body: ZApplyRequest,
    },
    async ({ body, req }) => {
      const partner = await partnerBySlug(String(req.params.slug));
      const session = await applicantSession(db, req, partner.id, deps.clock.now());
      if (!session)
        throw new AppError(401, "applicant_required", "먼저 카카오 또는 휴대폰 인증으로 가입해 주세요.");
      const scope = { kind: "partner", partnerId: partner.id } as const;
      const result = await inTenantTransaction(db, scope, (tx) =>
        apply(publicContext(deps, { tx, scope, req }), { session, request: body }),
      );
      return { status: 201, body: result };
    },
  );
}

function profileFields(p: {
  name: string | null;
  email: string | null;
  phone: string | null;
  birthDate: string | null;
}) {
  return { name: p.name, email: p.email, phone: p.phone, birthDate: p.birthDate };
}
