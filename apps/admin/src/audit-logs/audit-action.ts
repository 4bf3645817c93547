/** Where each audited entity's statuses have their words (the `status:<to>` actions). */
const STATUS_WORDS: Record<string, string> = {
  orders: "ssp.orderStatus",
  contracts: "ssp.contractStatus",
  assets: "ssp.assetStatus",
  deliveries: "ssp.deliveryStatus",
  invoices: "ssp.invoiceStatus",
  tickets: "ssp.ticketStatus",
  tasks: "ssp.taskStatus",
  "service-visits": "ssp.visitStatus",
};

type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * An audit entry's action in words. Actions are `create`, `status:<to>` (a lifecycle move),
 * `customer:<step>` or `customer_page:<step>` (what the customer did on a public page), or
 * parts joined by `+` (`update+password`); a part without words stays as written.
 */
export function auditActionLabel(translate: Translate, entry: { entity: string; action: string }): string {
  const word = (a: string) => translate(`ssp.auditAction.${a}`, { _: a });
  const [head, rest] = [entry.action.split(":")[0] ?? "", entry.action.split(":").slice(1).join(":")];
  if (head === "status" && rest) {
    const prefix = STATUS_WORDS[entry.entity];
    const status = prefix ? translate(`${prefix}.${rest}`, { _: rest }) : rest;
    return translate("ssp.auditAction.status", { status });
  }
  if ((head === "customer" || head === "customer_page") && rest)
    return translate("ssp.auditAction.byCustomer", { what: word(rest) });
  if (head === "comment" && rest)
    return translate("ssp.auditAction.comment", {
      kind: translate(`ssp.tickets.entryKind.${rest}`, { _: rest }),
    });
  return entry.action.split("+").filter(Boolean).map(word).join(", ");
}
