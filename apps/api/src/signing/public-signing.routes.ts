import { and, desc, eq } from "drizzle-orm";
import type { Request } from "express";
import { latestDocument } from "../contracts/contract-documents.js";
import { partners, paymentMethods } from "../db/schema/index.js";
import { inTenantTransaction } from "../db/tenant.js";
import type { ApiRoutes, Reply } from "../http/api-routes.js";
import type { AppDeps } from "../http/context.js";
import { AppError } from "../http/errors.js";
import { publicPartner } from "../partners/partner-identity.js";
import { completeRedirectRegistration, startRedirectRegistration } from "./kakaopay-redirect.js";
import { type PublicContext, recordSigningEvent } from "./public-context.js";
import { registerPaymentMethod } from "./register-payment-method.js";
import { assertProof, type LinkPurpose, resolveLink } from "./resolve-link.js";
import { declineContract, signContract } from "./sign-contract.js";
import {
  REQUIRED_CLAUSES,
  ZDeclineRequest,
  ZPaymentMethodRequest,
  ZRedirectApprovalQuery,
  ZSignContractRequest,
  ZVerifySignerRequest,
} from "./signing.schemas.js";
import { verifySigner } from "./verify-signer.js";

/**
 * The customer's side of e-signature, no login: the link's token is the key, the birth date the
 * proof. Each request resolves the link as the platform, then works inside that partner's tenant.
 */
export function registerPublicSigningRoutes(routes: ApiRoutes, deps: AppDeps): void {
  const tag = "public signing";

  async function withLink(
    req: Request,
    purpose: LinkPurpose,
    work: (ctx: PublicContext, found: Awaited<ReturnType<typeof resolveLink>>) => Promise<Reply>,
    options: { proof: boolean } = { proof: true },
  ): Promise<Reply> {
    const token = String(req.params.token ?? "");
    // As the platform first, only to learn whose tenant the link belongs to.
    const { link } = await resolveLink(deps.database.db, { token, now: deps.clock.now(), purpose });
    return inTenantTransaction(
      deps.database.db,
      { kind: "partner", partnerId: link.partnerId },
      async (tx) => {
        // Then again under a row lock, and every check repeated on what is current: requests on one
        // link run one after the other, so parallel wrong birth dates cannot all count as the
        // first miss, and a link locked or used a moment ago is refused.
        const found = await resolveLink(tx, { token, now: deps.clock.now(), purpose, lock: true });
        // Only ever from the header: a proof in a URL would reach logs, history and Referer.
        if (options.proof) assertProof(found.link, req.get("x-signing-proof"));
        return work(
          {
            tx,
            actor: null,
            by: { kind: "customer", customerId: found.contract.customerId },
            clock: deps.clock,
            adapters: deps.adapters,
            config: deps.config,
            ip: req.ip,
            userAgent: req.get("user-agent"),
          },
          found,
        );
      },
    );
  }

  routes.open(
    { method: "get", path: "/public/sign/:token", summary: "What the signing page shows first", tag },
    ({ req }) =>
      withLink(
        req,
        "open",
        async (ctx, { link, contract }) => {
          await recordSigningEvent(ctx, link, "opened");
          const [method] = await ctx.tx
            .select({ display: paymentMethods.display })
            .from(paymentMethods)
            .where(and(eq(paymentMethods.contractId, contract.id), eq(paymentMethods.status, "active")))
            .orderBy(desc(paymentMethods.id))
            .limit(1);
          const [partner] = await ctx.tx.select().from(partners).where(eq(partners.id, link.partnerId));
          return {
            body: {
              partner: publicPartner(partner!),
              contractNumber: contract.number,
              customerName: contract.party.name,
              productName: contract.productName,
              monthlyFee: contract.terms.monthlyFee,
              termMonths: contract.terms.termMonths,
              status: contract.status,
              /** Signing is behind the customer (signed earlier, or a payment-method link). */
              signed: link.consumedAt !== null,
              /** The auto-pay method already registered, if any: then the page shows it is done. */
              paymentMethod: method ? { display: method.display } : null,
              expiresAt: link.expiresAt.toISOString(),
              remainingAttempts: 5 - link.failedAttempts,
              redirectPayment: deps.adapters.paymentGateway.startRedirect
                ? deps.adapters.paymentGateway.name
                : null,
              clauses: REQUIRED_CLAUSES,
            },
          };
        },
        { proof: false },
      ),
  );

  routes.open(
    {
      method: "post",
      path: "/public/sign/:token/verify",
      summary: "Verify the signer by birth date (5 misses lock the link)",
      tag,
      body: ZVerifySignerRequest,
    },
    ({ req, body }) =>
      withLink(req, "open", (ctx, found) => verifySigner(ctx, { ...found, birthDate: body.birthDate }), {
        proof: false,
      }),
  );

  routes.open(
    {
      method: "get",
      path: "/public/sign/:token/pdf",
      summary: "The unsigned contract PDF (after verification)",
      tag,
    },
    ({ req }) =>
      withLink(req, "sign", async (ctx, { link, contract }) => {
        const doc = await latestDocument(ctx.tx, contract.id, "contract_unsigned");
        if (!doc) throw new AppError(404, "document_missing", "계약서 문서를 찾을 수 없습니다.");
        await recordSigningEvent(ctx, link, "viewed");
        return {
          body: null,
          file: { contentType: "application/pdf", bytes: doc.bytes, filename: `${contract.number}.pdf` },
        };
      }),
  );

  routes.open(
    {
      method: "post",
      path: "/public/sign/:token/sign",
      summary: "Agree to each clause and sign (drawn or typed); seals the PDF",
      tag,
      body: ZSignContractRequest,
    },
    ({ req, body }) =>
      withLink(req, "sign", async (ctx, found) => ({
        body: await signContract({ ...ctx, certificate: deps.certificate }, { ...found, request: body }),
      })),
  );

  routes.open(
    {
      method: "post",
      path: "/public/sign/:token/decline",
      summary: "Decline to sign, with a reason",
      tag,
      body: ZDeclineRequest,
    },
    ({ req, body }) =>
      withLink(req, "sign", async (ctx, found) => ({
        body: await declineContract(ctx, { ...found, reason: body.reason }),
      })),
  );

  routes.open(
    {
      method: "post",
      path: "/public/sign/:token/payment-method",
      summary: "Register auto-pay right after signing",
      tag,
      body: ZPaymentMethodRequest,
    },
    ({ req, body }) =>
      withLink(req, "pay", (ctx, found) => registerPaymentMethod(ctx, { ...found, ...body })),
  );

  routes.open(
    {
      method: "post",
      path: "/public/sign/:token/kakaopay-start",
      summary: "Start auto-pay registration on KakaoPay's page (after signing)",
      tag,
    },
    ({ req }) =>
      withLink(req, "pay", async (ctx, found) => ({
        body: await startRedirectRegistration(ctx, {
          ...found,
          token: String(req.params.token),
          mobile: /Mobi|Android|iPhone/i.test(req.get("user-agent") ?? ""),
        }),
      })),
  );

  routes.open(
    {
      method: "get",
      path: "/public/sign/:token/kakaopay-approve",
      summary: "KakaoPay's approval redirect (pg_token)",
      tag,
      query: ZRedirectApprovalQuery,
    },
    ({ req, query }) =>
      withLink(
        req,
        "pay",
        async (ctx, found) => {
          const result = await completeRedirectRegistration(ctx, {
            ...found,
            orderId: query.order,
            approvalToken: query.pg_token,
          });
          const page = `/sign/${String(req.params.token)}?payment=${result.ok ? "done" : "failed"}`;
          return { status: 302, body: null, headers: { Location: page } };
        },
        { proof: false },
      ),
  );
}
