import { assertCanSignTransfer, type TransferStatus } from "@ssp/domain";
import { eq } from "drizzle-orm";
import type { Request } from "express";
import { latestDocument } from "../contracts/contract-documents.js";
import { customers, partners } from "../db/schema/index.js";
import { inTenantTransaction } from "../db/tenant.js";
import type { ApiRoutes, Reply } from "../http/api-routes.js";
import type { AppDeps } from "../http/context.js";
import { guardForCustomer } from "../http/customer-guard.js";
import { AppError } from "../http/errors.js";
import { publicPartner } from "../partners/partner-identity.js";
import { recordSigningEvent } from "../signing/public-context.js";
import { assertProof } from "../signing/resolve-link.js";
import {
  REQUIRED_CLAUSES,
  ZDeclineRequest,
  ZSignContractRequest,
  ZVerifySignerRequest,
} from "../signing/signing.schemas.js";
import { verifySigner } from "../signing/verify-signer.js";
import { declineTransfer, signTransfer, type TransferSigningContext } from "./complete-transfer.js";
import { resolveTransferLink } from "./transfer-link.js";

type Found = Awaited<ReturnType<typeof resolveTransferLink>>;

/**
 * The new holder's side of a name transfer, no login, shaped like the contract signing page's
 * (/public/sign): the link's token is the key, the new holder's birth date the proof, and every
 * step a signing event on the contract's audit trail.
 */
export function registerPublicTransferRoutes(routes: ApiRoutes, deps: AppDeps): void {
  const tag = "public signing";

  async function withLink(
    req: Request,
    work: (ctx: TransferSigningContext, found: Found) => Promise<Reply>,
    options: { proof: boolean } = { proof: true },
  ): Promise<Reply> {
    const token = String(req.params.token ?? "");
    const { link } = await resolveTransferLink(deps.database.db, { token, now: deps.clock.now() });
    const scope = { kind: "partner", partnerId: link.partnerId } as const;
    return inTenantTransaction(deps.database.db, scope, async (tx) => {
      const found = await resolveTransferLink(tx, { token, now: deps.clock.now(), lock: true });
      guardForCustomer(
        () => assertCanSignTransfer(found.transfer.status as TransferStatus),
        "이 명의변경은 진행 중이 아닙니다.",
      );
      if (options.proof) assertProof(found.link, req.get("x-signing-proof"));
      return work(
        {
          tx,
          actor: null,
          by: { kind: "customer", customerId: found.transfer.toCustomerId },
          scope,
          clock: deps.clock,
          adapters: deps.adapters,
          config: deps.config,
          certificate: deps.certificate,
          ip: req.ip,
          userAgent: req.get("user-agent"),
        },
        found,
      );
    });
  }

  async function newHolder(ctx: TransferSigningContext, found: Found) {
    const [row] = await ctx.tx.select().from(customers).where(eq(customers.id, found.transfer.toCustomerId));
    return row!;
  }

  routes.open(
    {
      method: "get",
      path: "/public/transfer/:token",
      summary: "What the transfer signing page shows first",
      tag,
    },
    ({ req }) =>
      withLink(
        req,
        async (ctx, found) => {
          const { link, contract } = found;
          await recordSigningEvent(ctx, link, "opened");
          const [partner] = await ctx.tx.select().from(partners).where(eq(partners.id, link.partnerId));
          return {
            body: {
              kind: "name_transfer",
              partner: publicPartner(partner!),
              contractNumber: contract.number,
              customerName: (await newHolder(ctx, found)).name,
              productName: contract.productName,
              monthlyFee: contract.terms.monthlyFee,
              termMonths: contract.terms.termMonths,
              status: found.transfer.status,
              signed: false,
              expiresAt: link.expiresAt.toISOString(),
              remainingAttempts: 5 - link.failedAttempts,
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
      path: "/public/transfer/:token/verify",
      summary: "Verify the new holder by birth date (5 misses lock the link)",
      tag,
      body: ZVerifySignerRequest,
    },
    ({ req, body }) =>
      withLink(
        req,
        async (ctx, found) => {
          const holder = await newHolder(ctx, found);
          // The new holder proves who they are, not the contract's current party.
          const contract = {
            ...found.contract,
            party: { ...found.contract.party, birthDate: holder.birthDate },
          };
          return verifySigner(ctx, { link: found.link, contract, birthDate: body.birthDate });
        },
        { proof: false },
      ),
  );

  routes.open(
    {
      method: "get",
      path: "/public/transfer/:token/pdf",
      summary: "The unsigned transfer agreement PDF",
      tag,
    },
    ({ req }) =>
      withLink(req, async (ctx, { link, contract }) => {
        const doc = await latestDocument(ctx.tx, contract.id, "transfer_unsigned");
        if (!doc) throw new AppError(404, "document_missing", "계약서 문서를 찾을 수 없습니다.");
        await recordSigningEvent(ctx, link, "viewed");
        return {
          body: null,
          file: {
            contentType: "application/pdf",
            bytes: doc.bytes,
            filename: `${contract.number}-transfer.pdf`,
          },
        };
      }),
  );

  routes.open(
    {
      method: "post",
      path: "/public/transfer/:token/sign",
      summary: "The new holder agrees to each clause and signs; the contract changes hands",
      tag,
      body: ZSignContractRequest,
    },
    ({ req, body }) =>
      withLink(req, async (ctx, found) => ({ body: await signTransfer(ctx, { ...found, request: body }) })),
  );

  routes.open(
    {
      method: "post",
      path: "/public/transfer/:token/decline",
      summary: "The new holder declines to take the contract over, with a reason",
      tag,
      body: ZDeclineRequest,
    },
    ({ req, body }) =>
      withLink(req, async (ctx, found) => ({
        body: await declineTransfer(ctx, { link: found.link, transfer: found.transfer, reason: body.reason }),
      })),
  );
}
