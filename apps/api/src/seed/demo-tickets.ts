import type { TicketPriority, TicketStatus, TicketType } from "@ssp/domain";
import { and, eq, sql } from "drizzle-orm";
import { fixedClock } from "../clock.js";
import { type Db, rowsOf } from "../db/client.js";
import { users } from "../db/schema/index.js";
import { inTenantTransaction } from "../db/tenant.js";
import { addComment, createTicket, updateTicket } from "../tickets/ticket-use-cases.js";

/** One demo CS case: what the customer asked, how long ago, where it stands, what was said. */
interface Case {
  type: TicketType;
  priority?: TicketPriority;
  subject: string;
  body: string;
  hoursAgo: number;
  source: "staff" | "customer";
  status?: TicketStatus;
  reply?: string;
  note?: string;
  /** A billing dispute names the customer's latest invoice. */
  disputeLatestInvoice?: boolean;
}

const CASES: readonly Case[] = [
  {
    type: "inquiry",
    subject: "자동결제일 변경 문의",
    body: "월급날이 바뀌어서 매달 결제일을 25일로 옮기고 싶습니다.",
    hoursAgo: 3,
    source: "customer",
    reply: "안녕하세요, 결제일 변경은 다음 청구부터 적용됩니다. 변경해 드릴까요?",
    status: "waiting_customer",
  },
  {
    type: "repair",
    priority: "high",
    subject: "정수기 물이 나오지 않음",
    body: "어제 저녁부터 냉수가 나오지 않습니다. 온수는 정상입니다.",
    hoursAgo: 30,
    source: "customer",
    note: "필터 막힘 가능성. 방문 수리 예약 필요.",
    status: "in_progress",
  },
  {
    type: "relocation",
    subject: "이사로 인한 이전설치 요청",
    body: "다음 달 15일에 같은 구 안의 아파트로 이사합니다. 이전설치 부탁드립니다.",
    hoursAgo: 20,
    source: "staff",
  },
  {
    type: "billing_dispute",
    subject: "이번 달 청구 금액 문의",
    body: "프로모션 할인이 적용되지 않은 것 같습니다. 확인 부탁드립니다.",
    hoursAgo: 50,
    source: "customer",
    disputeLatestInvoice: true,
    note: "청구서 확인 중: 프로모션 기간 종료 여부 검토.",
  },
  {
    type: "cancellation_request",
    priority: "urgent",
    subject: "해지 요청",
    body: "해외 이주로 계약 해지를 원합니다. 위약금이 얼마인지 알려 주세요.",
    hoursAgo: 6,
    source: "customer",
  },
  {
    type: "name_transfer",
    subject: "배우자 명의로 변경 요청",
    body: "계약자를 배우자로 바꾸고 싶습니다. 필요한 절차를 알려 주세요.",
    hoursAgo: 70,
    source: "staff",
  },
  {
    type: "inquiry",
    priority: "low",
    subject: "필터 교체 주기 문의",
    body: "필터는 몇 개월마다 교체하나요?",
    hoursAgo: 120,
    source: "customer",
    reply: "4개월마다 방문하여 교체해 드립니다. 다음 방문 일정은 문자로 안내드립니다.",
    status: "resolved",
  },
];

/**
 * CS cases for the demo partner (issue 15: every screen has something true to show): open and
 * waiting tickets of each type on real customers and contracts, one past its SLA, with replies
 * and internal notes — made through the ticket use cases, each at its own time.
 */
export async function seedDemoTickets(db: Db, input: { partnerId: number; now: Date }): Promise<void> {
  const scope = { kind: "partner", partnerId: input.partnerId } as const;
  const [agent] = await db
    .select()
    .from(users)
    .where(and(eq(users.partnerId, input.partnerId), eq(users.role, "cs")));
  if (!agent) return;
  const contracts = rowsOf<{
    id: number;
    customer_id: number;
    asset_id: number | null;
    invoice_id: number | null;
  }>(
    await db.execute(sql`
      select c.id, c.customer_id, c.asset_id,
             (select max(i.id) from invoices i where i.contract_id = c.id) as invoice_id
      from contracts c
      where c.partner_id = ${input.partnerId} and c.status = 'active'
      order by c.id
      limit ${CASES.length}`),
  );
  const actor = {
    userId: agent.id,
    email: agent.email,
    name: agent.name,
    role: "cs" as const,
    partnerId: input.partnerId,
  };
  for (const [i, c] of CASES.entries()) {
    const contract = contracts[i % Math.max(contracts.length, 1)];
    if (!contract) return;
    const clock = fixedClock(new Date(input.now.getTime() - c.hoursAgo * 3_600_000));
    await inTenantTransaction(db, scope, async (tx) => {
      const ctx = { tx, actor, ip: "127.0.0.1", clock, scope };
      const ticket = await createTicket(ctx, {
        partnerId: input.partnerId,
        source: c.source,
        type: c.type,
        priority: c.priority,
        subject: c.subject,
        body: c.body,
        customerId: Number(contract.customer_id),
        contractId: Number(contract.id),
        assetId: contract.asset_id === null ? null : Number(contract.asset_id),
        assigneeId: c.hoursAgo > 10 ? agent.id : null,
        invoiceIds: c.disputeLatestInvoice && contract.invoice_id ? [Number(contract.invoice_id)] : undefined,
      });
      clock.set(new Date(clock.now().getTime() + 3_600_000));
      if (c.note) await addComment(ctx, ticket, { kind: "note", body: c.note });
      if (c.reply) await addComment(ctx, ticket, { kind: "reply", body: c.reply });
      if (c.status) await updateTicket(ctx, ticket.id, { status: c.status });
    });
  }
}
