import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase, rowsOf } from "../client.js";
import { isoFromPg } from "./instant.js";

describe("isoFromPg", () => {
  it("rewrites a UTC session's text with 0 to 6 fractional digits, truncating to milliseconds", () => {
    expect(isoFromPg("2026-12-03 04:05:06+00")).toBe("2026-12-03T04:05:06.000Z");
    expect(isoFromPg("2026-12-03 04:05:06.7+00")).toBe("2026-12-03T04:05:06.700Z");
    expect(isoFromPg("2026-12-03 04:05:06.78+00")).toBe("2026-12-03T04:05:06.780Z");
    expect(isoFromPg("2026-12-03 04:05:06.789999+00")).toBe("2026-12-03T04:05:06.789Z");
  });

  it("reads other offsets through Date", () => {
    expect(isoFromPg("2026-12-03 13:05:06.5+09")).toBe("2026-12-03T04:05:06.500Z");
    expect(isoFromPg("2026-12-03 04:05:06+05:30")).toBe("2026-12-02T22:35:06.000Z");
  });
});

describe("isoFromPg on the database's own text", () => {
  let database: Database;
  beforeAll(async () => {
    database = await openDatabase({ databaseUrl: process.env.TEST_DATABASE_URL || process.env.DATABASE_URL });
  });
  afterAll(() => database.close());

  it("gives what Date#toISOString gives for the same instant", async () => {
    const instants = [
      "2026-12-03T04:05:06.000Z",
      "2026-12-03T04:05:06.120Z",
      "1999-12-31T23:59:59.999Z",
      "2024-02-29T00:00:00.001Z",
      new Date().toISOString(),
    ];
    for (const instant of instants) {
      const [row] = rowsOf<{ text: string }>(
        await database.db.execute(sql`select ${instant}::timestamptz::text as text`),
      );
      expect(isoFromPg(row!.text)).toBe(instant);
    }
    // Microseconds, which a Date cannot hold, are cut off rather than rounded.
    const [micro] = rowsOf<{ text: string }>(
      await database.db.execute(sql`select '2026-12-03 04:05:06.789999+00'::timestamptz::text as text`),
    );
    expect(isoFromPg(micro!.text)).toBe("2026-12-03T04:05:06.789Z");
  });
});
