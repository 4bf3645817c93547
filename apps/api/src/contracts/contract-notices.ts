import { eq } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { customers } from "../db/schema/index.js";
import { enqueueForCustomer, type Recipient } from "../notifications/outbox.js";
import type { TemplateName } from "../notifications/templates.js";
import type { ContractRow } from "./contracts.repository.js";

/**
 * How a contract's customer is reached: the contacts the contract froze, with the customer's
 * channel preference and marketing consent as they are now.
 */
export async function contractRecipient(
  tx: Db,
  contract: Pick<ContractRow, "party" | "customerId">,
): Promise<Recipient> {
  const [customer] = await tx
    .select({
      preferredChannel: customers.preferredChannel,
      consentMarketingAt: customers.consentMarketingAt,
    })
    .from(customers)
    .where(eq(customers.id, contract.customerId));
  return {
    email: contract.party.email,
    phone: contract.party.phone,
    preferredChannel: customer?.preferredChannel ?? null,
    consentMarketingAt: customer?.consentMarketingAt ?? null,
  };
}

/**
 * Tells the contract's customer about a step in its life (suspension, demand, re-activation, …)
 * through the outbox, in the caller's transaction: the message exists only if the step commits.
 * It goes by the customer's channels (alimtalk with SMS fallback, or e-mail) as the partner's
 * switches allow; answers the channel, or null when the customer cannot be reached.
 */
export async function notifyCustomer(
  tx: Db,
  contract: ContractRow,
  template: TemplateName,
  vars: Record<string, string> = {},
  /** What the message is about, when it is not the contract itself (e.g. an invoice). */
  about: { entity: string; entityId: number } = { entity: "contracts", entityId: contract.id },
) {
  return enqueueForCustomer(tx, {
    partnerId: contract.partnerId,
    recipient: await contractRecipient(tx, contract),
    template,
    ...about,
    vars: { customer: contract.party.name, number: contract.number, ...vars },
  });
}
