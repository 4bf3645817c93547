import { differenceInCalendarMonths, parseISO } from "date-fns";
import { assertWon } from "../money/won.js";

/**
 * Straight-line depreciation to zero over the useful life, by whole months since acquisition
 * (the acquisition month counts from the next month on). Integer won, rounded down per month
 * so the book value never goes below what is left to depreciate.
 */
export function bookValue(input: {
  acquisitionCost: number;
  acquiredOn: string;
  usefulLifeMonths: number;
  asOf: string;
}): number {
  assertWon(input.acquisitionCost, "acquisitionCost");
  const months = differenceInCalendarMonths(parseISO(input.asOf), parseISO(input.acquiredOn));
  if (months <= 0) return input.acquisitionCost;
  if (months >= input.usefulLifeMonths) return 0;
  const depreciated = Math.floor((input.acquisitionCost * months) / input.usefulLifeMonths);
  return input.acquisitionCost - depreciated;
}
