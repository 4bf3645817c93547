import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { TEST_DATABASE_URL } from "../../test/test-app.js";
import { inTenantSnapshot } from "../reports/report-source.js";
import { dayText, seoulTimeText } from "../reports/report-sql.js";
import { type Db, openDatabase, rowsOf } from "./client.js";
import { inTenantTransaction } from "./tenant.js";

const jitOf = async (db: Db) =>
  rowsOf<{ jit: string }>(await db.execute(sql`select current_setting('jit') as jit`))[0]!.jit;

describe.runIf(TEST_DATABASE_URL)("every connection's session settings", () => {
  it("runs without JIT on the pool and on a tenant's read connections", async () => {
    const database = await openDatabase({ databaseUrl: TEST_DATABASE_URL!, poolSize: 1 });
    try {
      expect(await jitOf(database.db)).toBe("off");
      expect(await jitOf(database.readerFor({ kind: "partner", partnerId: 1 })!)).toBe("off");
    } finally {
      await database.close();
    }
  });
});

describe.runIf(TEST_DATABASE_URL)("parallel workers and dates: requests and reports", () => {
  const settingsOf = async (db: Db) =>
    rowsOf<{ workers: string; datestyle: string }>(
      await db.execute(
        sql`select current_setting('max_parallel_workers_per_gather') as workers, current_setting('DateStyle') as datestyle`,
      ),
    )[0]!;

  it("gives staff requests no parallel workers and a report one, with ISO dates whatever the server's DateStyle", async () => {
    const database = await openDatabase({ databaseUrl: TEST_DATABASE_URL!, poolSize: 1 });
    const scope = { kind: "partner", partnerId: 1 } as const;
    try {
      expect((await inTenantTransaction(database.db, scope, settingsOf)).workers).toBe("0");
      expect((await settingsOf(database.readerFor(scope)!)).workers).toBe("0");
      await database.db.execute(sql`set DateStyle = 'SQL, DMY'`);
      const report = await inTenantSnapshot(database, scope, async (source) => {
        const batches: unknown[][][] = [];
        for await (const batch of source.rows(
          sql`select ${dayText(sql`date '2026-03-05'`)}, ${seoulTimeText(sql`timestamptz '2026-03-05 06:07:08.9+09'`)},
                     current_setting('max_parallel_workers_per_gather')`,
        ))
          batches.push(batch);
        return batches.flat();
      });
      expect(report).toEqual([["2026-03-05", "2026-03-05 06:07:08", "1"]]);
      // The connection's own DateStyle is back once the report's transaction ends.
      expect((await settingsOf(database.db)).datestyle).toBe("SQL, DMY");
    } finally {
      await database.close();
    }
  });
});
