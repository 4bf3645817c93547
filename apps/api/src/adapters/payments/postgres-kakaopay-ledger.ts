import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { kakaopayPendingCharges } from "../../db/schema/index.js";
import type { KakaoPayLedger, KakaoPayPendingCharge } from "./kakaopay-gateway.js";

/**
 * The in-doubt KakaoPay charges in `kakaopay_pending_charges`, shared by every API instance and
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
    const { tid, startedAt, ...rest } = row;
    return { ...rest, startedAt: startedAt.toISOString(), ...(tid ? { tid } : {}) };
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
    };
    const { orderId: _key, ...update } = row;
    await this.db
      .insert(kakaopayPendingCharges)
      .values(row)
      .onConflictDoUpdate({ target: kakaopayPendingCharges.orderId, set: update });
  }

  async delete(orderId: string): Promise<void> {
    await this.db.delete(kakaopayPendingCharges).where(eq(kakaopayPendingCharges.orderId, orderId));
  }
}
