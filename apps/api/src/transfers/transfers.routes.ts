import type { ApiRoutes } from "../http/api-routes.js";
import { notFound } from "../http/errors.js";
import { findTicket } from "../tickets/tickets.repository.js";
import { sendTransfer } from "./send-transfer.js";
import {
  cancelTransfer,
  decideTransferCredit,
  requestTransfer,
  runTransferCreditCheck,
} from "./transfer-use-cases.js";
import { findTransfer, ticketTransfers, transferJson } from "./transfers.repository.js";
import { ZTransferCancelRequest, ZTransferCreditDecision, ZTransferRequest } from "./transfers.schemas.js";

/** Name transfers (명의변경) of name_transfer tickets: each step its own endpoint. */
export function registerTransferRoutes(routes: ApiRoutes): void {
  const tag = "contract transfers";
  const edit = { resource: "tickets", action: "edit" } as const;
  const show = { resource: "tickets", action: "show" } as const;
  const credit = { resource: "orders", action: "edit" } as const;
  routes.staff(
    {
      method: "post",
      path: "/tickets/:id/transfer",
      summary: "Start the name transfer of a name_transfer ticket's contract to a new holder",
      tag,
      body: ZTransferRequest,
      access: edit,
    },
    async (ctx, { id, body }) => ({ status: 201, body: await requestTransfer(ctx, id, body) }),
  );
  routes.staff(
    {
      method: "get",
      path: "/tickets/:id/transfers",
      summary: "A ticket's name transfers, newest first",
      tag,
      access: show,
    },
    async (ctx, { id }) => {
      if (!(await findTicket(ctx.tx, ctx.scope, id))) throw notFound("Ticket");
      const rows = await ticketTransfers(ctx.tx, ctx.scope, id);
      return { body: await Promise.all(rows.map((r) => transferJson(ctx.tx, r))) };
    },
  );
  routes.staff(
    { method: "get", path: "/contract-transfers/:id", summary: "One name transfer", tag, access: show },
    async (ctx, { id }) => {
      const row = await findTransfer(ctx.tx, ctx.scope, id);
      if (!row) throw notFound("Transfer");
      return { body: await transferJson(ctx.tx, row) };
    },
  );
  routes.staff(
    {
      method: "post",
      path: "/contract-transfers/:id/credit-check",
      summary: "Run the credit check on the new holder (needs credit-inquiry consent)",
      tag,
      access: credit,
    },
    async (ctx, { id }) => ({ body: await runTransferCreditCheck(ctx, id) }),
  );
  routes.staff(
    {
      method: "post",
      path: "/contract-transfers/:id/credit-decision",
      summary: "Approve or decline a new holder whose check landed in manual review",
      tag,
      body: ZTransferCreditDecision,
      access: credit,
    },
    async (ctx, { id, body }) => ({ body: await decideTransferCredit(ctx, id, body) }),
  );
  routes.staff(
    {
      method: "post",
      path: "/contract-transfers/:id/send",
      summary: "Send (or resend) the transfer agreement's signing link to the new holder",
      tag,
      access: edit,
    },
    async (ctx, { id }) => ({ body: await sendTransfer(ctx, id) }),
  );
  routes.staff(
    {
      method: "post",
      path: "/contract-transfers/:id/cancel",
      summary: "Cancel a transfer not yet signed (its link stops working)",
      tag,
      body: ZTransferCancelRequest,
      access: edit,
    },
    async (ctx, { id, body }) => ({ body: await cancelTransfer(ctx, id, body.reason) }),
  );
}
