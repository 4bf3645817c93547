import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { rowsOf } from "./db/client.js";
import { openPglite } from "./db/pglite-database.js";
import { readEnv } from "./env.js";
import { seedDemo } from "./seed/demo-seed.js";
import { seedEmbeddedDemoAside } from "./startup.js";

const root = mkdtempSync(join(tmpdir(), "ssp-first-start-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
// Not there yet, as on a fresh clone.
const dir = join(root, "data");

/** `npm start`'s environment on a new machine: the embedded database, the demo seed. */
function firstStartEnv() {
  const source: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir, SEED: "demo", SEED_HISTORY: "off" };
  delete source.DATABASE_URL;
  return readEnv(source);
}

describe("the first start on the embedded database", () => {
  it("leaves no database when its seeding stops half-way, and seeds afresh at the next start", async () => {
    const env = firstStartEnv();
    // Stopped after the partners and staff, before the rest of the demo (as by Ctrl-C).
    const stopped = seedEmbeddedDemoAside(env, async (_env, deps) => {
      await deps.database.migrate();
      await seedDemo(deps.database.db, { today: "2026-12-06" });
      throw new Error("stopped half-way");
    });
    await expect(stopped).rejects.toThrow("stopped half-way");
    expect(existsSync(join(dir, "pglite"))).toBe(false);

    expect(await seedEmbeddedDemoAside(env)).toBe(true);
    expect(
      readdirSync(dir)
        .filter((name) => name.startsWith("pglite"))
        .sort(),
    ).toEqual(["pglite"]);
    const database = await openPglite(join(dir, "pglite"));
    try {
      const [counts] = rowsOf<{ partners: number; owners: number; contracts: number }>(
        await database.db.execute(sql`select (select count(*)::int from partners) as partners,
          (select count(*)::int from users where email = 'owner@demo.kr') as owners,
          (select count(*)::int from contracts) as contracts`),
      );
      // The whole demo, once: the funnel's contracts too, which the stopped start never made.
      expect(counts).toMatchObject({ partners: 2, owners: 1 });
      expect(counts!.contracts).toBeGreaterThan(0);
    } finally {
      await database.close();
    }
    // Once the database is there, later starts leave it to the usual path.
    expect(await seedEmbeddedDemoAside(env)).toBe(false);
  }, 120_000);
});
