import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_DATABASE_URL } from "../../test/test-app.js";
import { boolList, dateList, intList, textList } from "./array-params.js";
import { type Database, openDatabase, rowsOf } from "./client.js";

describe(`array parameters (${TEST_DATABASE_URL ? "PostgreSQL" : "PGlite"})`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await openDatabase({ databaseUrl: TEST_DATABASE_URL, poolSize: 1 });
  });
  afterAll(() => database.close());

  const roundTrip = async (param: string, type: "int[]" | "bool[]" | "date[]" | "text[]") => {
    const [row] = rowsOf<{ v: unknown[] }>(
      await database.db.execute(sql`select array_to_json(${param}::${sql.raw(type)}) as v`),
    );
    return row!.v;
  };

  it("reads back text exactly as sent: quotes, backslashes, commas, braces, spaces, NULL, Korean", async () => {
    const values = [
      'a"b',
      "back\\slash",
      "a,b",
      "{x}",
      " padded ",
      "NULL",
      null,
      "",
      "홍길동 님",
      "SSP-1-full-20261205-a1",
    ];
    expect(await roundTrip(textList(values), "text[]")).toEqual(values);
  });

  it("reads back integers, booleans and dates", async () => {
    expect(await roundTrip(intList([1, -2, 2_147_483_647]), "int[]")).toEqual([1, -2, 2_147_483_647]);
    expect(await roundTrip(boolList([true, false]), "bool[]")).toEqual([true, false]);
    expect(await roundTrip(dateList(["2026-12-05", "2024-02-29"]), "date[]")).toEqual([
      "2026-12-05",
      "2024-02-29",
    ]);
  });

  it("refuses what it cannot write without quoting", () => {
    expect(() => intList([1.5])).toThrow(TypeError);
    expect(() => dateList(["2026-12-05} , {"])).toThrow(TypeError);
  });
});
