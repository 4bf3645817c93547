import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Db } from "./client.js";

const dialect = new PgDialect();

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

/**
 * Runs one statement prepared: parsed and planned once per connection, then bound and executed
 * (drizzle's `execute` sends an unnamed statement, which PostgreSQL parses and plans anew every
 * time, after a round trip to learn its parameters' types). For the statements a batch job runs
 * hundreds of times with the same text and a few array parameters; rows as `execute` gives them.
 */
export function executePrepared(tx: Db, query: SQL): ReturnType<Db["execute"]> {
  const { sql: text, params } = dialect.sqlToQuery(query);
  return tx._.session.prepareQuery({ sql: text, params }, undefined, "batch", false).execute() as ReturnType<
    Db["execute"]
  >;
}
