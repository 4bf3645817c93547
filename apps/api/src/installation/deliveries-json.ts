import { inArray } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { contracts } from "../db/schema/index.js";
import { userNames } from "../users/user-names.js";
import { type DeliveryRow, deliveryJson } from "./schedule-delivery.js";

/**
 * Deliveries as the lists show them: with the technician's name, the contract's number and the
 * customer's name, since a technician may read neither users, orders nor contracts.
 */
export async function deliveriesJson(tx: Db, rows: DeliveryRow[]) {
  if (rows.length === 0) return [];
  const contractIds = [...new Set(rows.map((r) => r.contractId))];
  const [names, contractRows] = await Promise.all([
    userNames(
      tx,
      rows.map((r) => r.technicianId),
    ),
    tx
      .select({ id: contracts.id, number: contracts.number, party: contracts.party })
      .from(contracts)
      .where(inArray(contracts.id, contractIds)),
  ]);
  const byContract = new Map(contractRows.map((c) => [c.id, c]));
  return rows.map((d) => {
    const contract = byContract.get(d.contractId);
    return {
      ...deliveryJson(d),
      technicianName: names.get(d.technicianId) ?? null,
      contractNumber: contract?.number ?? null,
      customerName: contract?.party.name ?? null,
    };
  });
}
