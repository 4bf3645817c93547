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
