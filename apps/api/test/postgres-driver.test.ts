import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_DATABASE_URL } from "./test-app.js";

/**
 * What our patch of postgres.js (patches/postgres@3.4.9.patch) must keep true when PostgreSQL
 * drops a connection in the middle of a transaction (a restart, `pg_terminate_backend`, a network
 * cut). Unpatched, the transaction's callback kept running after `begin()` had failed, and what
 * it sent next went to the same connection object, by then reconnecting for another caller: a
 * reliability run saw a staff read answer 404 for a record that exists, because its query was
 * answered with another conversation's empty result (upstream issues #1186 and #1204, pull
 * request #1215, open at 3.4.9).
 */
describe.runIf(TEST_DATABASE_URL)("the postgres driver when a transaction's connection is dropped", () => {
  let admin: postgres.Sql;
  beforeAll(() => {
    admin = postgres(TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
  });
  afterAll(() => admin.end());

  const terminate = (pid: number) => admin`select pg_terminate_backend(${pid})`;

  it("refuses the transaction's later statements, and the next caller gets its own answers", {
    timeout: 15_000,
  }, async () => {
    const sql = postgres(TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
    try {
      let release!: () => void;
      const waiting = new Promise<void>((resolve) => {
        release = resolve;
      });
      let pid!: (n: number) => void;
      const backend = new Promise<number>((resolve) => {
        pid = resolve;
      });
      let issued!: (answer: Promise<string>) => void;
      const late = new Promise<Promise<string>>((resolve) => {
        issued = resolve;
      });
      const transaction = sql.begin(async (tx) => {
        const [row] = await tx`select pg_backend_pid() as pid`;
        pid(Number(row!.pid));
        await waiting;
        const statement = tx`select 'late' as answer`;
        issued(
          statement.then(
            (rows) => String(rows[0]?.answer),
            (error: Error) => `rejected: ${error.message}`,
          ),
        );
        return statement;
      });
      const transactionSettled = transaction.then(
        () => "committed",
        (error: Error) => error.message,
      );
      // Another caller waits for the only connection, which it gets once the first one closes.
      await terminate(await backend);
      const next = sql`select 'next' as answer`;
      expect(await transactionSettled).toMatch(/terminat|CONNECTION_CLOSED|connection/i);
      release();
      expect(await await late).toMatch(/^rejected/);
      expect((await next)[0]?.answer).toBe("next");
      // The connection is whole: each of many pipelined statements gets its own result.
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) => sql`select ${i}::int as n`.then((rows) => rows[0]?.n)),
      );
      expect(answers).toEqual(Array.from({ length: 20 }, (_, i) => i));
      // And a transaction on it starts and commits as its own.
      const committed = await sql.begin(async (tx) => (await tx`select 'own' as answer`)[0]?.answer);
      expect(committed).toBe("own");
    } finally {
      await sql.end({ timeout: 1 });
    }
  });

  it("settles the statements still queued inside the transaction when its connection goes", async () => {
    // One statement in flight and one pipelined behind it; the third waits in the transaction's
    // own queue, which is where unpatched it stayed pending for ever.
    // `max_pipeline` is an option of the driver its type definitions leave out.
    const pipelineOfOne = { max: 1, max_pipeline: 1, onnotice: () => {} };
    const sql = postgres(TEST_DATABASE_URL!, pipelineOfOne);
    try {
      let pid!: (n: number) => void;
      const backend = new Promise<number>((resolve) => {
        pid = resolve;
      });
      const outcomes: Promise<string>[] = [];
      const transaction = sql.begin(async (tx) => {
        const [row] = await tx`select pg_backend_pid() as pid`;
        pid(Number(row!.pid));
        const statements = [tx`select pg_sleep(2)`, tx`select 2`, tx`select 3`];
        outcomes.push(
          ...statements.map((s) =>
            s.then(
              () => "answered",
              () => "rejected",
            ),
          ),
        );
        return Promise.all(statements);
      });
      const transactionSettled = transaction.then(
        () => "committed",
        () => "failed",
      );
      const id = await backend;
      await new Promise((resolve) => setTimeout(resolve, 200)); // the sleep is running
      await terminate(id);
      expect(await transactionSettled).toBe("failed");
      const settled = await Promise.race([
        Promise.all(outcomes),
        new Promise((resolve) => setTimeout(() => resolve("still pending"), 3_000)),
      ]);
      expect(settled).toEqual(["rejected", "rejected", "rejected"]);
      expect((await sql`select 'after' as answer`)[0]?.answer).toBe("after");
    } finally {
      await sql.end({ timeout: 1 });
    }
  });
});
