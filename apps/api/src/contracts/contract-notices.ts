import type { Db } from "../db/client.js";
import { enqueueEmail } from "../notifications/outbox.js";
import type { TemplateName } from "../notifications/templates.js";
import type { ContractRow } from "./contracts.repository.js";

/**
 * Tells the contract's customer about a step in its life (suspension, demand, re-activation, …)
 * through the outbox, in the caller's transaction: the message exists only if the step commits.
 * A party without an e-mail address gets nothing by e-mail (alimtalk is the partner's setting).
 */
export async function notifyCustomer(
  tx: Db,
  contract: ContractRow,
  template: TemplateName,
  vars: Record<string, string> = {},
  /** What the message is about, when it is not the contract itself (e.g. an invoice). */
  about: { entity: string; entityId: number } = { entity: "contracts", entityId: contract.id },
): Promise<void> {
  if (!contract.party.email) return;
  await enqueueEmail(tx, {
    partnerId: contract.partnerId,
    to: contract.party.email,
    template,
    ...about,
    vars: { customer: contract.party.name, number: contract.number, ...vars },
  });
}
