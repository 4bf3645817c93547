import { DomainError } from "@ssp/domain";
import { AppError } from "./errors.js";

/**
 * A domain guard on a customer's page (signing, transfer): the same rule as staff get, refused
 * in the Korean words the public pages show the customer as they are.
 */
export function guardForCustomer(guard: () => void, message: string): void {
  try {
    guard();
  } catch (error) {
    if (error instanceof DomainError) throw new AppError(409, error.code, message);
    throw error;
  }
}
