import { AGING_BUCKETS } from "@ssp/domain";

// Choice names are i18n keys, as in choices.ts.
export const paymentStatusChoices = (["succeeded", "failed", "pending"] as const).map((id) => ({
  id,
  name: `ssp.paymentStatus.${id}`,
}));

/** The API's payment `method` values: the gateway charged, a bank transfer, or no method on file. */
export const paymentMethodChoices = (["sandbox", "kakaopay", "toss", "bank_transfer", "none"] as const).map(
  (id) => ({ id, name: `ssp.paymentMethodKind.${id}` }),
);

export const overdueBucketChoices = AGING_BUCKETS.map((id) => ({ id, name: `ssp.overdueBucket.${id}` }));
