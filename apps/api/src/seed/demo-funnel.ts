import { and, desc, eq } from "drizzle-orm";
import { findContract } from "../contracts/contracts.repository.js";
import { draftContract } from "../contracts/draft-contract.js";
import { sendContract } from "../contracts/send-contract.js";
import { customers, signingLinks, users } from "../db/schema/index.js";
import { inTenantTransaction } from "../db/tenant.js";
import type { AppDeps, StaffContext } from "../http/context.js";
import { allocateAsset } from "../installation/allocate-asset.js";
import { recordInstallation } from "../installation/record-installation.js";
import { scheduleDelivery } from "../installation/schedule-delivery.js";
import { cancelOrder } from "../orders/cancel-order.js";
import { createOrder } from "../orders/create-order.js";
import { findOrder } from "../orders/orders.repository.js";
import { runCreditCheck } from "../orders/run-credit-check.js";
import { registerPaymentMethod } from "../signing/register-payment-method.js";
import { signContract } from "../signing/sign-contract.js";

/** How far each demo application gets; the sandbox bureau's magic birth dates decide the checks. */
const STORIES = [
  { name: "정접수", birthDate: "1984-05-01", to: "received" },
  { name: "한심사", birthDate: "1900-01-02", to: "credit_review" },
  { name: "오거절", birthDate: "1900-01-01", to: "credit_declined" },
  { name: "윤승인", birthDate: "1900-01-03", to: "contract_drafted" },
  { name: "서발송", birthDate: "1900-01-03", to: "contract_sent" },
  { name: "신서명", birthDate: "1900-01-03", to: "contract_signed" },
  { name: "권대기", birthDate: "1900-01-03", to: "ready_to_install" },
  { name: "황설치", birthDate: "1900-01-03", to: "installed" },
  { name: "안설치", birthDate: "1900-01-03", to: "installed" },
  { name: "송취소", birthDate: "1900-01-03", to: "cancelled" },
] as const;
/** How many steps of the funnel each story takes. */
const DEPTH: Record<(typeof STORIES)[number]["to"], number> = {
  received: 0,
  credit_review: 1,
  credit_declined: 1,
  contract_drafted: 2,
  contract_sent: 3,
  cancelled: 3,
  contract_signed: 4,
  ready_to_install: 5,
  installed: 6,
};

/**
 * Walks demo applications through the same use cases staff and customers use, so the admin has
 * orders, contracts (sealed PDFs included), deliveries and messages in every state on first start.
 */
export async function seedDemoFunnel(deps: AppDeps, options: { partnerSlug?: string } = {}): Promise<void> {
  const db = deps.database.db;
  const [manager] = await db.select().from(users).where(eq(users.email, "manager@demo.kr"));
  const [tech] = await db
    .select()
    .from(users)
    .where(and(eq(users.partnerId, manager!.partnerId!), eq(users.role, "technician")));
  if (!manager?.partnerId || !tech || options.partnerSlug === "none") return;
  const scope = { kind: "partner", partnerId: manager.partnerId } as const;
  const actor = {
    userId: manager.id,
    email: manager.email,
    name: manager.name,
    role: "manager" as const,
    partnerId: manager.partnerId,
  };
  const today = deps.clock.today();

  for (const [i, story] of STORIES.entries()) {
    await inTenantTransaction(db, scope, async (tx) => {
      const ctx: StaffContext = {
        tx,
        actor,
        scope,
        clock: deps.clock,
        adapters: deps.adapters,
        config: deps.config,
        certificate: deps.certificate,
        ip: "127.0.0.1",
        userAgent: "SSP demo seed",
      };
      const depth = DEPTH[story.to];
      const [customer] = await tx
        .insert(customers)
        .values({
          partnerId: scope.partnerId,
          name: story.name,
          birthDate: story.birthDate,
          phone: `010-9000-${String(1000 + i)}`,
          email: `demo.funnel${i + 1}@example.kr`,
          postcode: "06236",
          address: "서울특별시 강남구 테헤란로 152",
          addressDetail: "101동 1001호",
          consentPrivacyAt: ctx.clock.now().toISOString(),
          consentCreditInquiryAt: ctx.clock.now().toISOString(),
          consentTermsVersion: "2026-11",
          tags: ["데모"],
        })
        .returning();
      const order = await createOrder(ctx, {
        customerId: customer!.id,
        planId: 1 + (i % 2),
        installPostcode: "06236",
        installAddress: "서울특별시 강남구 테헤란로 152",
        installAddressDetail: "101동 1001호",
        billingDay: 1 + ((i * 3) % 28),
      });
      if (depth < 1) return;
      await runCreditCheck(ctx, (await findOrder(tx, scope, order.id))!);
      if (depth < 2) return;
      const contract = await draftContract(ctx, order.id);
      if (depth < 3) return;
      await sendContract(ctx, contract.id);
      if (story.to === "cancelled") {
        await cancelOrder(ctx, { orderId: order.id, reason: "고객 변심 (데모)" });
        return;
      }
      if (depth < 4) return;
      const [link] = await tx
        .select()
        .from(signingLinks)
        .where(eq(signingLinks.contractId, contract.id))
        .orderBy(desc(signingLinks.id))
        .limit(1);
      const publicCtx = {
        ...ctx,
        actor: null,
        by: { kind: "customer" as const, customerId: customer!.id },
        userAgent: "Mozilla/5.0 (iPhone; demo)",
      };
      await signContract(publicCtx, {
        link: link!,
        contract: (await findContract(tx, scope, contract.id))!,
        request: {
          agreements: { contract: true, penalty: true, coolingOff: true, privacy: true },
          signature: { kind: "typed", text: story.name },
        },
      });
      if (depth < 5) return;
      const [consumed] = await tx.select().from(signingLinks).where(eq(signingLinks.id, link!.id));
      await registerPaymentMethod(publicCtx, {
        link: consumed!,
        contract: (await findContract(tx, scope, contract.id))!,
        cardNumber: "4242424242424242",
        expiry: "12/29",
      });
      await allocateAsset(ctx, { orderId: order.id });
      if (depth < 6) return;
      await scheduleDelivery(ctx, { orderId: order.id, technicianId: tech.id, scheduledOn: today });
      await recordInstallation(
        { ...ctx, actor: { ...actor, userId: tech.id, role: "technician" } },
        { orderId: order.id, date: today, signature: { kind: "typed", text: story.name } },
      );
    });
  }
}
