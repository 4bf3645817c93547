import { text } from "@ssp/domain";
import { and, eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit.js";
import { draftContract } from "../contracts/draft-contract.js";
import { sendContract } from "../contracts/send-contract.js";
import { customerIdentities, customers, orderEvents, orders } from "../db/schema/index.js";
import type { UseCaseContext } from "../http/context.js";
import { validationFailed } from "../http/errors.js";
import { runCreditCheck } from "../orders/run-credit-check.js";
import { findPlan } from "../plans/plans.repository.js";
import { noteColumns } from "../shared/note-columns.js";
import type { ApplicantSession } from "./applicant-session.js";
import { type TApplyRequest, TERMS_VERSION } from "./signup.schemas.js";

const OUTCOME_MESSAGES = {
  approved: "심사가 승인되었습니다. 계약서를 이메일로 보내드렸습니다.",
  review: "신청이 접수되어 심사 중입니다. 결과는 담당자가 안내해 드립니다.",
  declined: "죄송합니다. 이번에는 신청을 진행하기 어렵습니다. 자세한 내용은 고객센터로 문의해 주세요.",
} as const;

/**
 * The customer's own application: one person is one customer per partner (matched by Kakao
 * account or verified phone, never duplicated), consents recorded with time and terms version,
 * the order created and the credit check run at once; an approval sends the contract by e-mail.
 * The answer never depends on whether the person was already a customer.
 */
export async function apply(
  ctx: UseCaseContext,
  input: { session: ApplicantSession; request: TApplyRequest },
) {
  const { session, request } = input;
  if (session.method === "phone" && session.phone !== request.phone) {
    throw validationFailed({ phone: "인증한 휴대폰 번호와 같아야 합니다" });
  }
  const plan = await findPlan(ctx.tx, ctx.scope, request.planId);
  if (!plan?.active) throw validationFailed({ planId: "선택할 수 없는 상품입니다" });
  const partnerId = session.partnerId;
  const consentedAt = ctx.clock.now().toISOString();
  const consent = {
    consentPrivacyAt: consentedAt,
    consentCreditInquiryAt: consentedAt,
    consentMarketingAt: request.consents.marketing ? consentedAt : null,
    consentTermsVersion: TERMS_VERSION,
    updatedAt: consentedAt,
  };

  const existing = await matchCustomer(ctx, session);
  let customerId: number;
  if (existing) {
    customerId = existing.id;
    await ctx.tx
      .update(customers)
      .set({
        ...consent,
        email: existing.email ?? request.email,
        // An address the customer already has is kept whole; only a missing one is taken over.
        ...(existing.address ? {} : customerAddress(request)),
      })
      .where(eq(customers.id, existing.id));
  } else {
    const [row] = await ctx.tx
      .insert(customers)
      .values({
        partnerId,
        name: request.name,
        birthDate: request.birthDate,
        phone: request.phone,
        email: request.email,
        ...customerAddress(request),
        ...consent,
      })
      .returning({ id: customers.id });
    customerId = row!.id;
  }
  // From here on the customer is known: every step taken for them is an audit row in their name.
  const asCustomer: UseCaseContext = { ...ctx, by: { kind: "customer", customerId } };
  await recordAudit(asCustomer, {
    entity: "customers",
    entityId: customerId,
    action: existing ? "customer:apply_again" : "customer:apply",
    partnerId,
    after: { signup: session.method, marketingConsent: request.consents.marketing === true },
  });
  if (session.method === "kakao" && session.kakaoSubject) {
    await ctx.tx
      .insert(customerIdentities)
      .values({ partnerId, customerId, provider: "kakao", subject: session.kakaoSubject })
      .onConflictDoNothing();
  }

  const [order] = await ctx.tx
    .insert(orders)
    .values({
      partnerId,
      customerId,
      planVersionId: plan.versionId,
      installPostcode: request.installPostcode ?? null,
      installAddress: request.installAddress,
      installAddressDetail: request.installAddressDetail ?? null,
      billingDay: request.billingDay,
      source: "public",
    })
    .returning();
  await ctx.tx.insert(orderEvents).values({
    partnerId,
    orderId: order!.id,
    kind: "status",
    toStatus: "received",
    ...noteColumns(text("order.applied_online", { method: session.method })),
  });
  await recordAudit(asCustomer, {
    entity: "orders",
    entityId: order!.id,
    action: "customer:apply",
    partnerId,
    after: { planId: request.planId, billingDay: request.billingDay, source: "public" },
  });
  const { order: checked, check } = await runCreditCheck(asCustomer, order!);
  let contractSent = false;
  if (check.outcome === "approved") {
    const contract = await draftContract(asCustomer, checked.id);
    await sendContract(asCustomer, contract.id);
    contractSent = true;
  }
  return {
    orderId: order!.id,
    outcome: check.outcome as keyof typeof OUTCOME_MESSAGES,
    message: OUTCOME_MESSAGES[check.outcome as keyof typeof OUTCOME_MESSAGES],
    contractSent,
  };
}

/** The install address, in its parts, as the customer's own address. */
function customerAddress(request: TApplyRequest) {
  return {
    postcode: request.installPostcode ?? null,
    address: request.installAddress,
    addressDetail: request.installAddressDetail ?? null,
  };
}

/**
 * The partner's existing customer this applicant is: first by Kakao account, then by the phone
 * the session proved (a Kakao account's phone is verified by Kakao, like a phone code). Only the
 * session's phone counts, never the one typed into the form. The first Kakao login of a known
 * customer is then linked to them by the identity row `apply` writes.
 */
async function matchCustomer(ctx: UseCaseContext, session: ApplicantSession) {
  if (session.method === "kakao" && session.kakaoSubject) {
    const [byKakao] = await ctx.tx
      .select({ customer: customers })
      .from(customerIdentities)
      .innerJoin(customers, eq(customers.id, customerIdentities.customerId))
      .where(
        and(
          eq(customerIdentities.partnerId, session.partnerId),
          eq(customerIdentities.provider, "kakao"),
          eq(customerIdentities.subject, session.kakaoSubject),
        ),
      )
      .limit(1);
    if (byKakao) return byKakao.customer;
  }
  if (!session.phone) return undefined;
  const [byPhone] = await ctx.tx
    .select()
    .from(customers)
    .where(and(eq(customers.partnerId, session.partnerId), eq(customers.phone, session.phone)))
    .orderBy(customers.id)
    .limit(1);
  return byPhone;
}
