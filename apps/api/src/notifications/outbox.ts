import { and, asc, eq, lt } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { notifications } from "../db/schema/index.js";
import { processLogger } from "../observability/logger.js";
import type { Mailer } from "./mailer.js";
import { renderTemplate, type TemplateName } from "./templates.js";

export const MAX_ATTEMPTS = 5;

export interface OutboxMessage {
  partnerId: number;
  to: string;
  template: TemplateName;
  vars: Record<string, string>;
  entity?: string;
  entityId?: number;
}

/** Renders and queues messages in one statement, in the caller's transaction. */
async function enqueue(tx: Db, channel: "email" | "sms", messages: readonly OutboxMessage[]): Promise<void> {
  if (messages.length === 0) return;
  await tx.insert(notifications).values(
    messages.map((m) => ({
      partnerId: m.partnerId,
      channel,
      to: m.to,
      template: m.template,
      ...renderTemplate(m.template, m.vars),
      entity: m.entity ?? null,
      entityId: m.entityId ?? null,
    })),
  );
}

/** Queues a message in the caller's transaction: it exists only if the business change commits. */
export function enqueueEmail(tx: Db, input: OutboxMessage): Promise<void> {
  return enqueue(tx, "email", [input]);
}

/** Many messages in one statement (a billing batch's declined charges, say). */
export function enqueueEmails(tx: Db, messages: readonly OutboxMessage[]): Promise<void> {
  return enqueue(tx, "email", messages);
}

/** Queues a text message (SMS/alimtalk): kept in the outbox until a vendor adapter is configured. */
export function enqueueText(tx: Db, input: OutboxMessage): Promise<void> {
  return enqueue(tx, "sms", [input]);
}

/**
 * Delivers pending messages (outside any tenant: this is the platform's job). Rows are claimed
 * with SKIP LOCKED so several instances can share the work. Without a mailer, messages are kept
 * in the outbox as `stored`, readable in the admin's "Sent messages".
 */
export async function deliverPending(db: Db, mailer: Mailer | null, now: Date, batch = 50): Promise<number> {
  return db.transaction(async (tx) => {
    const claimed = await tx
      .select()
      .from(notifications)
      .where(and(eq(notifications.status, "pending"), lt(notifications.attempts, MAX_ATTEMPTS)))
      .orderBy(asc(notifications.id))
      .limit(batch)
      .for("update", { skipLocked: true });
    for (const n of claimed) {
      if (!mailer || n.channel !== "email") {
        await tx.update(notifications).set({ status: "stored" }).where(eq(notifications.id, n.id));
        continue;
      }
      try {
        await mailer.send({ to: n.to, subject: n.subject, text: n.body });
        await tx
          .update(notifications)
          .set({ status: "sent", sentAt: now, attempts: n.attempts + 1 })
          .where(eq(notifications.id, n.id));
      } catch (error) {
        const attempts = n.attempts + 1;
        await tx
          .update(notifications)
          .set({
            attempts,
            lastError: String((error as Error).message).slice(0, 500),
            status: attempts >= MAX_ATTEMPTS ? "failed" : "pending",
          })
          .where(eq(notifications.id, n.id));
      }
    }
    return claimed.length;
  });
}

/**
 * Runs deliveries one at a time in the background; `kick()` after a commit that queued mail.
 * `idle()` lets tests and shutdown wait for the current round.
 */
export function outboxRunner(input: { db: Db; mailer: Mailer | null; now: () => Date }) {
  let running: Promise<void> | null = null;
  let again = false;
  const round = async (): Promise<void> => {
    do {
      again = false;
      while ((await deliverPending(input.db, input.mailer, input.now())) > 0) {}
    } while (again);
  };
  return {
    kick(): void {
      if (running) {
        again = true;
        return;
      }
      running = round()
        .catch((error) => processLogger().error({ err: error }, "outbox delivery failed"))
        .finally(() => {
          running = null;
        });
    },
    async idle(): Promise<void> {
      while (running) await running;
    },
  };
}
export type OutboxRunner = ReturnType<typeof outboxRunner>;
