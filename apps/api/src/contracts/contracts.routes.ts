import { asc, eq, ilike, inArray } from "drizzle-orm";
import { contracts, paymentMethods, signingEvents } from "../db/schema/index.js";
import { renderTerminationQuotePdf } from "../documents/termination-quote-pdf.js";
import { documentPartner } from "../partners/partner-identity.js";

type PaymentMethodRow = typeof paymentMethods.$inferSelect;

import { sha256Hex } from "../documents/sha256.js";
import type { ApiRoutes } from "../http/api-routes.js";
import { AppError, notFound } from "../http/errors.js";
import { registerReads } from "../http/resource-reads.js";
import { likeEscape } from "../shared/zod-fields.js";
import { latestDocument, unsignedContractPdf } from "./contract-documents.js";
import { contractSchedule } from "./contract-schedule.js";
import { type ContractRow, contractJson, contractTable, findContract } from "./contracts.repository.js";
import {
  ZContractFilter,
  ZEndContractRequest,
  ZEndOfTermRunRequest,
  ZPaymentMethodFilter,
  ZQuoteQuery,
  ZScheduleQuery,
} from "./contracts.schemas.js";
import { cancelContract, terminateContract, terminationQuoteFor } from "./end-contract.js";
import { runEndOfTerm } from "./end-of-term-run.js";
import { sendContract } from "./send-contract.js";
import { sendPaymentLink } from "./send-payment-link.js";

export function registerContractRoutes(routes: ApiRoutes): void {
  const tag = "contracts";
  registerReads<ContractRow, typeof ZContractFilter.shape>(routes, {
    resource: "contracts",
    title: "contracts with their frozen terms",
    ...contractTable,
    sort: {
      id: contracts.id,
      number: contracts.number,
      status: contracts.status,
      customerId: contracts.customerId,
      activatedOn: contracts.activatedOn,
      endsOn: contracts.endsOn,
      draftedOn: contracts.draftedOn,
      createdAt: contracts.createdAt,
    },
    defaultSort: ["id", "DESC"],
    filters: ZContractFilter,
    where: (f) => [
      f.q ? ilike(contracts.number, `%${likeEscape(f.q)}%`) : undefined,
      f.status ? inArray(contracts.status, Array.isArray(f.status) ? f.status : [f.status]) : undefined,
      f.customerId ? eq(contracts.customerId, f.customerId) : undefined,
      f.orderId ? eq(contracts.orderId, f.orderId) : undefined,
      f.assetId ? eq(contracts.assetId, f.assetId) : undefined,
    ],
    toJson: (rows) => rows.map(contractJson),
  });
  routes.staff(
    {
      method: "get",
      path: "/contracts/:id/schedule",
      summary:
        "The full payment schedule (a preview from an assumed activation date until the contract is active)",
      tag,
      query: ZScheduleQuery,
      access: { resource: "contracts", action: "show" },
    },
    async (ctx, { id, query }) => ({
      body: await contractSchedule(ctx, {
        contractId: id,
        assumeActivationOn: query.assumeActivationOn,
        months: query.months,
      }),
    }),
  );
  routes.staff(
    {
      method: "post",
      path: "/contracts/:id/send",
      summary:
        "Send the signing link by the customer's channel: alimtalk (SMS fallback) or e-mail (a resend revokes the old link)",
      tag,
      access: { resource: "contracts", action: "edit" },
    },
    async (ctx, { id }) => ({ body: await sendContract(ctx, id) }),
  );
  routes.staff(
    {
      method: "post",
      path: "/contracts/:id/payment-link",
      summary: "E-mail a payment-method link for a signed or active contract (revokes older links)",
      tag,
      access: { resource: "contracts", action: "edit" },
    },
    async (ctx, { id }) => ({ body: await sendPaymentLink(ctx, id) }),
  );
  routes.staff(
    {
      method: "get",
      path: "/contracts/:id/pdf",
      summary: "The contract PDF: sealed once signed",
      tag,
      access: { resource: "contracts", action: "show" },
    },
    async (ctx, { id }) => {
      const contract = await findContract(ctx.tx, ctx.scope, id);
      if (!contract) throw notFound("Contract");
      const sealed = await latestDocument(ctx.tx, id, "contract_sealed");
      const bytes = sealed?.bytes ?? (await unsignedContractPdf(ctx.tx, contract)).bytes;
      return {
        body: null,
        file: {
          contentType: "application/pdf",
          bytes,
          filename: `${contract.number}${sealed ? "-sealed" : ""}.pdf`,
        },
      };
    },
  );
  routes.staff(
    {
      method: "get",
      path: "/contracts/:id/installation-receipt.pdf",
      summary: "The installation receipt (설치 확인서) PDF kept when the unit was installed",
      tag,
      access: { resource: "contracts", action: "show" },
    },
    async (ctx, { id }) => {
      const contract = await findContract(ctx.tx, ctx.scope, id);
      if (!contract) throw notFound("Contract");
      const receipt = await latestDocument(ctx.tx, id, "installation_receipt");
      if (!receipt) throw new AppError(404, "no_receipt", "This contract has no installation receipt yet");
      return {
        body: null,
        file: {
          contentType: "application/pdf",
          bytes: receipt.bytes,
          filename: `${contract.number}-installation-receipt.pdf`,
        },
      };
    },
  );
  routes.staff(
    {
      method: "get",
      path: "/contracts/:id/verify",
      summary: "Recompute the sealed PDF's SHA-256 against the stored one",
      tag,
      access: { resource: "contracts", action: "show" },
    },
    async (ctx, { id }) => {
      const contract = await findContract(ctx.tx, ctx.scope, id);
      if (!contract) throw notFound("Contract");
      const sealed = await latestDocument(ctx.tx, id, "contract_sealed");
      if (!sealed || !contract.sealedSha256)
        return { body: { sealed: false, valid: false, storedSha256: null, computedSha256: null } };
      const computedSha256 = sha256Hex(sealed.bytes);
      return {
        body: {
          sealed: true,
          valid: computedSha256 === contract.sealedSha256,
          storedSha256: contract.sealedSha256,
          computedSha256,
        },
      };
    },
  );
  routes.staff(
    {
      method: "get",
      path: "/contracts/:id/events",
      summary: "The signing audit trail: sent, opened, verified, signed… with IP and user agent",
      tag,
      access: { resource: "contracts", action: "show" },
    },
    async (ctx, { id }) => {
      if (!(await findContract(ctx.tx, ctx.scope, id))) throw notFound("Contract");
      const rows = await ctx.tx
        .select()
        .from(signingEvents)
        .where(eq(signingEvents.contractId, id))
        .orderBy(asc(signingEvents.id));
      return { body: rows.map((e) => ({ ...e, at: e.at.toISOString() })) };
    },
  );

  registerReads<PaymentMethodRow, typeof ZPaymentMethodFilter.shape>(routes, {
    resource: "payment-methods",
    title: "auto-pay registrations (gateway tokens only)",
    table: paymentMethods,
    partnerColumn: paymentMethods.partnerId,
    sort: { id: paymentMethods.id, createdAt: paymentMethods.createdAt, status: paymentMethods.status },
    defaultSort: ["id", "DESC"],
    filters: ZPaymentMethodFilter,
    where: (f) => [
      f.contractId ? eq(paymentMethods.contractId, f.contractId) : undefined,
      f.customerId ? eq(paymentMethods.customerId, f.customerId) : undefined,
      f.status ? eq(paymentMethods.status, f.status) : undefined,
    ],
    // The token is a credential for charging the customer: it never leaves the server.
    toJson: (rows) => rows.map(({ token: _token, ...r }) => ({ ...r, createdAt: r.createdAt.toISOString() })),
  });
  routes.staff(
    {
      method: "get",
      path: "/contracts/:id/termination-quote",
      summary: "The itemized exit quote for a date",
      tag,
      query: ZQuoteQuery,
      access: { resource: "contracts", action: "show" },
    },
    async (ctx, { id, query }) => ({
      body: await terminationQuoteFor(ctx, { contractId: id, date: query.date }),
    }),
  );
  routes.staff(
    {
      method: "post",
      path: "/contracts/:id/terminate",
      summary: "Terminate early: the quote is invoiced, asset recovery opened",
      tag,
      body: ZEndContractRequest,
      access: { resource: "contracts", action: "edit" },
    },
    async (ctx, { id, body }) => ({ body: await terminateContract(ctx, { contractId: id, ...body }) }),
  );
  routes.staff(
    {
      method: "post",
      path: "/contracts/end-of-term",
      summary: "Run end-of-term for a date: complete ended contracts, transfer or recall assets",
      tag,
      body: ZEndOfTermRunRequest,
      access: { resource: "contracts", action: "edit" },
    },
    // Inside the request's tenant transaction (each contract a savepoint): a partner's staff
    // completes only its own contracts, and a day rarely ends more than a handful.
    async (ctx, { body }) => ({
      body: await runEndOfTerm({
        db: ctx.tx,
        date: body.date,
        now: () => ctx.clock.now(),
        partnerId: ctx.actor.partnerId ?? undefined,
      }),
    }),
  );
  routes.staff(
    {
      method: "post",
      path: "/contracts/:id/cancel",
      summary: "Cancel before activation, or withdraw within cooling-off with full refund",
      tag,
      body: ZEndContractRequest,
      access: { resource: "contracts", action: "edit" },
    },
    async (ctx, { id, body }) => ({ body: await cancelContract(ctx, { contractId: id, ...body }) }),
  );
  routes.staff(
    {
      method: "get",
      path: "/contracts/:id/termination-quote.pdf",
      summary: "The exit quote as a one-page PDF for the customer",
      tag,
      query: ZQuoteQuery,
      access: { resource: "contracts", action: "show" },
    },
    async (ctx, { id, query }) => {
      const contract = await findContract(ctx.tx, ctx.scope, id);
      if (!contract) throw notFound("Contract");
      const quote = await terminationQuoteFor(ctx, { contractId: id, date: query.date });
      const bytes = await renderTerminationQuotePdf({
        partner: await documentPartner(ctx.tx, contract.partnerId),
        contractNumber: contract.number,
        customerName: contract.party.name,
        productName: contract.productName,
        activatedOn: contract.activatedOn!,
        quote,
      });
      return {
        body: null,
        file: {
          contentType: "application/pdf",
          bytes,
          filename: `${contract.number}-quote-${query.date}.pdf`,
        },
      };
    },
  );
}
