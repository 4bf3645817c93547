/**
 * What can stop the embedded database (PGlite) from opening that the person who typed
 * `npm start` or `job …` can put right. Kept apart from pglite-database.ts so that the server can
 * recognise them without loading PGlite on PostgreSQL.
 */

/**
 * The embedded database's folder is already in use by another running process. Its message is
 * meant for the person who typed `npm start` or `job …`: what is wrong and what to do.
 */
export class DataDirInUse extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
    lockFile: string,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by another SSP process (pid ${pid}). ` +
        `Stop that process first (or give this one its own DATA_DIR). ` +
        `If no such process is running, delete ${lockFile} and start again.`,
    );
    this.name = "DataDirInUse";
  }
}

/** The embedded database's files could not be opened: said plainly, with the way out. */
export class EmbeddedDatabaseUnreadable extends Error {
  constructor(dataDir: string | undefined, cause: unknown) {
    super(
      `The embedded database in ${dataDir ?? "memory"} could not be opened (${
        cause instanceof Error ? cause.message : String(cause)
      }). Its files may have been damaged by two processes using them at once or by a crash. ` +
        `Move that folder aside to start again with a new database (and demo data).`,
      { cause },
    );
    this.name = "EmbeddedDatabaseUnreadable";
  }
}

/** True for the problems above: worth one plain line to the person starting SSP, not a stack. */
export function isEmbeddedDatabaseProblem(error: unknown): error is Error {
  return error instanceof DataDirInUse || error instanceof EmbeddedDatabaseUnreadable;
}
