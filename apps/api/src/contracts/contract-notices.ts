import { eq } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { customers, partners } from "../db/schema/index.js";
import { AppError } from "../http/errors.js";
import { chooseChannel, enqueueForCustomer, type Recipient } from "../notifications/outbox.js";
import type { TemplateName } from "../notifications/templates.js";
import { settingsWithDefaults } from "../partners/partner-settings.js";
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
 * The channel a link for this contract goes by (the contract itself, a payment-method link): the
 * customer's channels as the partner's switches allow; 422 `no_channel` when none can reach them.
 */
export async function linkRecipient(
  tx: Db,
  contract: Pick<ContractRow, "party" | "customerId" | "partnerId">,
) {
  const recipient = await contractRecipient(tx, contract);
  const [partner] = await tx
    .select({ name: partners.name, settings: partners.settings })
    .from(partners)
    .where(eq(partners.id, contract.partnerId));
  const channel = chooseChannel(recipient, settingsWithDefaults(partner?.settings).notifications);
  if (!partner || !channel)
    throw new AppError(
      422,
      "no_channel",
      "The customer can be reached neither by e-mail nor by KakaoTalk/SMS with this partner's notification settings",
    );
  return { recipient, channel, partnerName: partner.name };
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
