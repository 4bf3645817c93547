import { MAX_LEDGER_WON } from "@ssp/domain";
import { isValid, parseISO } from "date-fns";
import { z } from "zod";

/**
 * A calendar date the business can mean: years 1900 to 2099. Wider dates are typos or probes,
 * and date arithmetic on them (a 60-month schedule from 9999-12-31) leaves what PostgreSQL and
 * the date library can hold.
 */
export const ZIsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use YYYY-MM-DD")
  .refine((s) => isValid(parseISO(s)), "Not a calendar date")
  .refine((s) => s >= "1900-01-01" && s <= "2099-12-31", "Choose a date between 1900 and 2099");

/** Field schemas shared by several resources, named for what they accept. */

/** An amount in won: whole, not negative, and within what one ledger row holds (21억). */
export const ZWon = z
  .number({ error: "Enter an amount in won" })
  .int("Won has no fractions")
  .min(0, "Cannot be negative")
  .max(MAX_LEDGER_WON, `At most ${MAX_LEDGER_WON.toLocaleString("ko-KR")}원`);

export const ZName = z.string().trim().min(1, "Required").max(100, "At most 100 characters");

/** Escapes LIKE wildcards so a search for "50%" finds "50%". */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * 우편번호 as the postcode search gives it (`zonecode`): five digits. Optional, and "" or null
 * stores none, so an address typed by hand without one still saves.
 */
export function zPostcode(message = "A postcode is 5 digits") {
  return z
    .string()
    .trim()
    .regex(/^(\d{5})?$/, message)
    .transform((s) => s || null)
    .nullable()
    .optional()
    .describe("우편번호, 5 digits (the postcode search's zonecode)");
}

/** What the person adds to the road address (동·호수, floor); "" or null stores none. */
export const ZAddressDetail = z
  .string()
  .trim()
  .max(100, "At most 100 characters")
  .transform((s) => s || null)
  .nullable()
  .optional()
  .describe("상세 주소: building, floor, unit");
