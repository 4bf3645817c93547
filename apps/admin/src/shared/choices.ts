import { ASSET_STATUSES, CONTRACT_STATUSES, ORDER_STATUSES, ROLES } from "@ssp/domain";

// Choice names are i18n keys; react-admin translates them in inputs and SelectFields.
export const assetStatusChoices = ASSET_STATUSES.map((id) => ({ id, name: `ssp.assetStatus.${id}` }));
export const roleChoices = ROLES.map((id) => ({ id, name: `ssp.role.${id}` }));
/** How a customer wants to be told (customers.preferred_channel); none: the partner's default. */
export const customerChannelChoices = (["alimtalk", "email"] as const).map((id) => ({
  id,
  name: `ssp.customerChannel.${id}`,
}));
export const planKindChoices = (["rental", "subscription"] as const).map((id) => ({
  id,
  name: `ssp.planKind.${id}`,
}));
export const orderStatusChoices = ORDER_STATUSES.map((id) => ({ id, name: `ssp.orderStatus.${id}` }));
/** Where an order came from (orders.source): the public application page or a staff member. */
export const orderSourceChoices = (["public", "staff"] as const).map((id) => ({
  id,
  name: `ssp.orderSource.${id}`,
}));
export const contractStatusChoices = CONTRACT_STATUSES.map((id) => ({
  id,
  name: `ssp.contractStatus.${id}`,
}));
export const creditOutcomeChoices = (["approved", "review", "declined"] as const).map((id) => ({
  id,
  name: `ssp.creditOutcome.${id}`,
}));
export const deliveryStatusChoices = (["scheduled", "installed", "cancelled"] as const).map((id) => ({
  id,
  name: `ssp.deliveryStatus.${id}`,
}));
export const notificationStatusChoices = (["pending", "sent", "stored", "failed"] as const).map((id) => ({
  id,
  name: `ssp.notificationStatus.${id}`,
}));
/** The outbox's templates (notifications.template), named by `ssp.messageTemplate`. */
export const messageTemplateChoices = (
  [
    "contract_sent",
    "contract_signed",
    "payment_link_sent",
    "payment_method_registered",
    "payment_succeeded",
    "payment_failed",
    "upcoming_charge",
    "contract_suspended",
    "formal_demand",
    "contract_terminated",
    "contract_reactivated",
    "contract_ending",
    "contract_completed",
    "card_expiring",
    "service_visit_reminder",
    "order_received",
    "phone_code",
    "promotion",
  ] as const
).map((id) => ({ id, name: `ssp.messageTemplate.${id}` }));
/** What an outbox message is about (notifications.entity), by the resource's name. */
export const notificationEntityChoices = (["contracts", "invoices", "orders", "customers"] as const).map(
  (id) => ({
    id,
    name: `resources.${id}.name`,
  }),
);
/** The tables the audit log records (audit_logs.entity), by the resource's name. */
export const auditEntityChoices = (
  [
    "orders",
    "contracts",
    "customers",
    "assets",
    "deliveries",
    "service-visits",
    "tasks",
    "tickets",
    "invoices",
    "notifications",
    "plans",
    "products",
    "partners",
    "users",
  ] as const
).map((id) => ({ id, name: id === "deliveries" ? "ssp.entity.deliveries" : `resources.${id}.name` }));
