import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { kakaopayPendingCharges } from "../../db/schema/index.js";
import {
  CONFIRMED_RETENTION_DAYS,
  type KakaoPayLedger,
  type KakaoPayPendingCharge,
} from "./kakaopay-gateway.js";

/**
 * The in-doubt (and recently confirmed) KakaoPay charges in `kakaopay_pending_charges`, shared by every API instance and
 * kept across restarts. `db` must be the root handle, never a request's or a batch's transaction:
 * each statement commits on its own, so the record that a charge request went out survives when
 * the business transaction that asked for the charge rolls back.
 */
export class PostgresKakaoPayLedger implements KakaoPayLedger {
  constructor(private readonly db: Db) {}

  async get(orderId: string): Promise<KakaoPayPendingCharge | undefined> {
    const [row] = await this.db
      .select()
      .from(kakaopayPendingCharges)
      .where(eq(kakaopayPendingCharges.orderId, orderId));
    if (!row) return undefined;
    const { tid, startedAt, confirmedAt, ...rest } = row;
    return {
      ...rest,
      startedAt: startedAt.toISOString(),
      ...(tid ? { tid } : {}),
      ...(confirmedAt ? { confirmedAt: confirmedAt.toISOString() } : {}),
    };
  }

  async put(entry: KakaoPayPendingCharge): Promise<void> {
    const row = {
      orderId: entry.orderId,
      partnerOrderId: entry.partnerOrderId,
      partnerUserId: entry.partnerUserId,
      sid: entry.sid,
      amount: entry.amount,
      startedAt: new Date(entry.startedAt),
      tid: entry.tid ?? null,
      confirmedAt: entry.confirmedAt ? new Date(entry.confirmedAt) : null,
    };
    const { orderId: _key, ...update } = row;
    await this.db
      .insert(kakaopayPendingCharges)
      .values(row)
      .onConflictDoUpdate({ target: kakaopayPendingCharges.orderId, set: update });
    // Confirmed charges older than the retention are known to our records by now.
    if (entry.confirmedAt && Math.random() < 0.01) {
      await this.db.execute(
        sql`delete from kakaopay_pending_charges where confirmed_at < now() - ${CONFIRMED_RETENTION_DAYS} * interval '1 day'`,
      );
    }
  }

  async delete(orderId: string): Promise<void> {
    await this.db.delete(kakaopayPendingCharges).where(eq(kakaopayPendingCharges.orderId, orderId));
  }
}
