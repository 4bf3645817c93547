import { customType } from "drizzle-orm/pg-core";

/** PostgreSQL's text for a timestamptz in a UTC session: `2026-12-03 04:05:06.789012+00`. */
const PG_UTC_TIMESTAMP = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?\+00$/;

/**
 * PostgreSQL's text for a timestamptz → the ISO-8601 UTC string `Date#toISOString` gives
 * (`2026-12-03T04:05:06.789Z`, milliseconds truncated as `new Date` does). A UTC session's text
 * is rewritten as a string; anything else (another session time zone, a year past 9999) goes
 * through `Date`.
 */
export function isoFromPg(text: string): string {
  const match = PG_UTC_TIMESTAMP.exec(text);
  if (!match) return new Date(text).toISOString();
  const millis = match[3] ? match[3].padEnd(3, "0").slice(0, 3) : "000";
  return `${match[1]}T${match[2]}.${millis}Z`;
}

/**
 * A `timestamp with time zone` read as the ISO-8601 string the API's JSON carries, and written
 * from one. For the customer list, which reads five of them per row: in a profile under load,
 * building a page's JSON with the timestamps through `Date` (parse, then `toISOString`) took 9 %
 * of the API's CPU; decoding them with `isoFromPg` takes about 2 % (BENCHMARKS.md, list).
 */
export const instant = customType<{ data: string; driverData: string }>({
  dataType: () => "timestamp with time zone",
  fromDriver: isoFromPg,
});
