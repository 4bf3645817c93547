import { DomainError } from "../domain-error.js";

/** Money is integer Korean won. Anything else is a bug upstream, so refuse it loudly. */
export function assertWon(amount: number, what = "amount"): number {
  if (!Number.isSafeInteger(amount)) {
    throw new DomainError("invalid_amount", `${what} must be a whole number of won`, { amount });
  }
  return amount;
}

export function sumWon(amounts: readonly number[]): number {
  let total = 0;
  for (const a of amounts) total += assertWon(a);
  return assertWon(total, "sum");
}
