import { randomUUID } from "node:crypto";
import {
  BureauUnavailableError,
  type CreditBureau,
  type CreditReport,
} from "../adapters/credit-bureau/credit-bureau.js";
import type { customers } from "../db/schema/index.js";
import { AppError } from "../http/errors.js";

/**
 * One inquiry about a person who consented to it (an order's customer, a name transfer's new
 * holder): a bureau that cannot answer is a 502 and nothing is written, so the check can simply
 * be run again. The caller checks the consent first, in its own words.
 */
export async function askBureau(
  bureau: CreditBureau,
  person: Pick<typeof customers.$inferSelect, "name" | "birthDate" | "phone">,
  consentedAt: string,
): Promise<CreditReport> {
  try {
    return await bureau.inquire({
      requestId: randomUUID(),
      name: person.name,
      birthDate: person.birthDate,
      phone: person.phone,
      consentedAt,
    });
  } catch (error) {
    if (error instanceof BureauUnavailableError) throw new AppError(502, "bureau_unavailable", error.message);
    throw error;
  }
}
