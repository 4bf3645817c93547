import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/test-app.js";
import { rowsOf } from "../db/client.js";
import { BATCH_ROWS, inTenantSnapshot } from "./report-source.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const SERIES = sql`select g, 'row ' || g as label from generate_series(1, ${BATCH_ROWS * 5}::int) g order by g`;

describe("a report's rows", () => {
  it("come in order, every batch of them", async () => {
    const numbers = await inTenantSnapshot(t.database, { kind: "partner", partnerId: 1 }, async (source) => {
      const seen: number[] = [];
      for await (const batch of source.rows(SERIES)) seen.push(...batch.map((row) => Number(row[0])));
      return seen;
    });
    expect(numbers.length).toBe(BATCH_ROWS * 5);
    expect(numbers.every((n, i) => n === i + 1)).toBe(true);
  });

  it("can be left early (a client that went away): the read ends and the connection serves again", async () => {
    const taken = await inTenantSnapshot(t.database, { kind: "partner", partnerId: 1 }, async (source) => {
      let rows = 0;
      for await (const batch of source.rows(SERIES)) {
        rows += batch.length;
        if (rows >= BATCH_ROWS * 2) break;
      }
      return rows;
    });
    expect(taken).toBe(BATCH_ROWS * 2);
    const [after] = rowsOf<{ n: number }>(await t.database.db.execute(sql`select 42 as n`));
    expect(Number(after!.n)).toBe(42);
  });
});
