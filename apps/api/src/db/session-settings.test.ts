import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { TEST_DATABASE_URL } from "../../test/test-app.js";
import { type Db, openDatabase, rowsOf } from "./client.js";

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
