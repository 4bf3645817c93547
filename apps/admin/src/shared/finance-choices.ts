// Choice names are i18n keys, as in choices.ts.
export const paymentStatusChoices = (["succeeded", "failed", "pending"] as const).map((id) => ({
  id,
  name: `ssp.paymentStatus.${id}`,
}));
