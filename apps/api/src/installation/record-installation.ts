import {
  type AssetStatus,
  assertCanRecordInstallation,
  assertCanTransitionAsset,
  billingSchedule,
  type OrderStatus,
  text,
} from "@ssp/domain";
import { and, eq } from "drizzle-orm";
import { moveAsset } from "../assets/move-asset.js";
import { billContractNow } from "../billing/billing-run.js";
import { openCursor } from "../billing/invoices.repository.js";
import { storeDocument } from "../contracts/contract-documents.js";
import { contractJson, moveContract } from "../contracts/contracts.repository.js";
import { installAddressLine } from "../contracts/install-address.js";
import { assets, contracts, deliveries, users } from "../db/schema/index.js";
import { renderInstallationReceipt } from "../documents/installation-receipt-pdf.js";
import type { StaffContext } from "../http/context.js";
import { AppError, notFound, validationFailed } from "../http/errors.js";
import { moveOrder } from "../orders/move-order.js";
import { findOrder } from "../orders/orders.repository.js";
import { documentPartner } from "../partners/partner-identity.js";
import { signatureOf } from "../signing/signature-image.js";
import type { TSignContractRequest } from "../signing/signing.schemas.js";

/**
 * The technician records the installation: the customer signs the 설치 및 인수 확인서 (sealed like
 * the contract), and that activates everything at once: contract active from the install date
 * (its schedule starts there), order installed, asset installed, the visit done.
 */
export async function recordInstallation(
  ctx: StaffContext,
  input: { orderId: number; date: string; signature: TSignContractRequest["signature"] },
) {
  const order = await findOrder(ctx.tx, ctx.scope, input.orderId);
  if (!order) throw notFound("Order");
  assertCanRecordInstallation(order.status as OrderStatus);
  if (order.contractId === null) throw new AppError(409, "illegal_transition", "The order has no contract");
  const [delivery] = await ctx.tx
    .select()
    .from(deliveries)
    .where(and(eq(deliveries.orderId, order.id), eq(deliveries.status, "scheduled")));
  if (ctx.actor.role === "technician" && delivery?.technicianId !== ctx.actor.userId) throw notFound("Order");
  if (input.date > ctx.clock.today())
    throw validationFailed({ date: "An installation cannot be in the future" });
  const [contract] = await ctx.tx.select().from(contracts).where(eq(contracts.id, order.contractId));
  const [asset] = await ctx.tx.select().from(assets).where(eq(assets.id, contract!.assetId!));
  assertCanTransitionAsset({ from: asset!.status as AssetStatus, to: "installed", by: "system" });
  const partner = await documentPartner(ctx.tx, order.partnerId);
  const [technician] = await ctx.tx
    .select({ name: users.name })
    .from(users)
    .where(eq(users.id, delivery?.technicianId ?? ctx.actor.userId));

  const receipt = await renderInstallationReceipt({
    contractNumber: contract!.number,
    partner,
    customer: { name: contract!.party.name, phone: contract!.party.phone },
    product: { name: contract!.productName, model: contract!.productModel },
    assetSerialNumber: asset!.serialNumber,
    installedOn: input.date,
    installAddress: installAddressLine(contract!),
    technicianName: technician!.name,
    signature: signatureOf(input.signature),
    events: [
      {
        kind: "installed",
        at: ctx.clock.now().toISOString(),
        ip: ctx.ip ?? null,
        userAgent: ctx.userAgent ?? null,
      },
    ],
    certificate: ctx.certificate,
  });
  await storeDocument(ctx.tx, {
    partnerId: order.partnerId,
    contractId: contract!.id,
    kind: "installation_receipt",
    bytes: receipt.bytes,
    sealed: true,
  });

  const schedule = billingSchedule({
    terms: contract!.terms,
    activatedOn: input.date,
    billingDay: contract!.billingDay,
  });
  const active = await moveContract(ctx, contract!, "active", {
    activatedOn: input.date,
    endsOn: schedule.endsOn,
  });
  await moveAsset(ctx, asset!, "installed", {
    by: "system",
    contractId: contract!.id,
    note: text("asset.installed", { date: input.date }),
  });
  if (delivery) {
    await ctx.tx
      .update(deliveries)
      .set({ status: "installed", installedOn: input.date, receiptSha256: receipt.sha256 })
      .where(eq(deliveries.id, delivery.id));
  }
  const installed = await moveOrder(ctx, order, "installed", {
    note: text("order.installed", { date: input.date, serial: asset!.serialNumber }),
    detail: { receiptSha256: receipt.sha256 },
  });
  // Billing starts at installation: the first invoice is issued and collected now (a backdated
  // installation also gets every full period since), the customer sees the first charge on
  // installation day; the daily run is the safety net.
  await openCursor(ctx.tx, { partnerId: contract!.partnerId, contractId: contract!.id, from: input.date });
  const billed = await billContractNow(ctx, {
    gateway: ctx.adapters.paymentGateway,
    now: () => ctx.clock.now(),
    partnerId: contract!.partnerId,
    contractId: contract!.id,
    date: ctx.clock.today(),
  });
  return {
    order: { id: installed.id, status: installed.status },
    contract: contractJson(active),
    receiptSha256: receipt.sha256,
    billed: { issued: billed.issued, charged: billed.charged, amount: billed.amount },
  };
}
