/**
 * A rate of the dashboard (collection, churn, approval, utilization) as the two integer counts
 * or won sums it divides, so that nothing is rounded until it is shown. `rate` is null when the
 * denominator is zero: "no invoices due" is not a collection rate of 0 %.
 */
export interface Ratio {
  numerator: number;
  denominator: number;
  rate: number | null;
}

export function ratio(numerator: number, denominator: number): Ratio {
  return { numerator, denominator, rate: denominator === 0 ? null : numerator / denominator };
}
