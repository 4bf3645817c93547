import type { Db } from "./client.js";

/**
 * Statements with more parameters than this are not prepared. Those are id lists (react-admin's
 * getMany, `filter={"id":[…]}`): every list length is another text, and prepared statements
 * stay on their connection until it closes.
 */
const MAX_PREPARED_PARAMS = 20;

/**
 * Runs one statement on the request's transaction, rows as arrays. Goes through drizzle's
 * session so that it works the same on postgres.js and PGlite.
 */
export function runStatement<T>(
  tx: Db,
  text: string,
  params: unknown[],
  mapRows: (rows: unknown[][]) => T,
): Promise<T> {
  // A name makes the postgres.js session prepare the statement (the driver picks the actual
  // name and keeps one per connection and text).
  const name = params.length <= MAX_PREPARED_PARAMS ? "list" : undefined;
  return tx._.session
    .prepareQuery<{ execute: T; all: never; values: never }>(
      { sql: text, params },
      undefined,
      name,
      true,
      mapRows,
    )
    .execute();
}
