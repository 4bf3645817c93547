import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import yauzl from "yauzl";
import { download } from "../../test/support/report-download.js";
import { openTestDatabase, startTestApp, type TestApp } from "../../test/test-app.js";
import { rowsOf } from "../db/client.js";
import { archiveTables } from "./archive-tables.js";
import { restoreArchive } from "./restore-archive.js";

let t: TestApp;
let dir: string;
let file: string;

beforeAll(async () => {
  // The funnel seeds sealed contracts, installation receipts and every order status.
  t = await startTestApp({ funnel: true });
  // Two CS tickets, one of them open, for the count that is recomputed on restore.
  await t.database.db.execute(sql`insert into tickets (partner_id, number, type, status, subject, body, sla_due_at, customer_id)
    select 1, 'T-' || s, 'inquiry', s, '문의', '문의', now(), (select min(id) from customers where partner_id = 1)
    from unnest(array['open', 'closed']) s`);
  dir = mkdtempSync(join(tmpdir(), "ssp-archive-"));
  file = join(dir, "export.zip");
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

async function zipEntries(path: string): Promise<Map<string, Buffer>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true }, (e, z) => (e ? reject(e) : resolve(z))),
  );
  const out = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    zip.on("entry", (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (e, stream) => {
        if (e) return reject(e);
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          out.set(entry.fileName, Buffer.concat(chunks));
          zip.readEntry();
        });
      });
    });
    zip.on("end", resolve);
    zip.on("error", reject);
    zip.readEntry();
  });
  return out;
}

async function partnerCounts(
  db: TestApp["database"]["db"],
  partnerId: number,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await archiveTables(db)) {
    const owner = table.name === "partners" ? "id" : "partner_id";
    const [row] = rowsOf<{ n: number }>(
      await db.execute(
        sql.raw(`select count(*)::int as n from "${table.name}" where ${owner} = ${partnerId}`),
      ),
    );
    counts[table.name] = row!.n;
  }
  return counts;
}

describe("a partner's take-out archive", () => {
  it("holds every table as CSV, the PDFs and a README, for the owner alone, and is audited", async () => {
    const finance = await t.login("finance@demo.kr");
    await finance.get("/api/data-export.zip").expect(403);
    const owner = await t.login("owner@demo.kr");
    const expected = await partnerCounts(t.database.db, 1);
    const res = await download(owner, "/api/data-export.zip", {}).expect(200);
    expect(res.headers["content-type"]).toBe("application/zip");
    writeFileSync(file, res.body as Buffer);
    const entries = await zipEntries(file);
    expect(expected.contracts).toBeGreaterThan(0);
    expect(expected.documents).toBeGreaterThan(0);
    const manifest = JSON.parse(entries.get("manifest.json")!.toString());
    expect(manifest.counts).toEqual(expected);
    for (const table of Object.keys(expected)) {
      const csv = entries.get(`tables/${table}.csv`)!;
      expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    }
    const readme = entries.get("README.md")!.toString();
    expect(readme).toContain("job restore-archive");
    expect(readme).toContain("### contracts");
    // Another partner's customers never travel with this one's.
    const customers = entries.get("tables/customers.csv")!.toString();
    const [theirs] = rowsOf<{ name: string; phone: string }>(
      await t.database.db.execute(sql`select name, phone from customers where partner_id = 2 limit 1`),
    );
    expect(customers).not.toContain(theirs!.phone);
    expect(entries.get("tables/users.csv")!.toString()).not.toContain("$argon2");
    const pdfs = [...entries.keys()].filter((k) => k.startsWith("documents/"));
    expect(pdfs.length).toBe(expected.documents);
    for (let i = 0; i < 20; i++) {
      const [audit] = rowsOf<{ after: { complete: boolean; counts: Record<string, number> } }>(
        await t.database.db.execute(
          sql`select after from audit_logs where entity = 'data-export' order by id desc limit 1`,
        ),
      );
      if (audit) {
        expect(audit.after.complete).toBe(true);
        expect(audit.after.counts).toEqual(expected);
        break;
      }
      if (i === 19) throw new Error("no audit row for the export");
      await new Promise((r) => setTimeout(r, 100));
    }
  });

  it("restores into an empty installation with the same counts, and the sealed PDFs still verify", async () => {
    const fresh = await openTestDatabase();
    try {
      const loaded = await restoreArchive(fresh.database, { file, ownerPassword: "restored-pass-2027" });
      const expected = JSON.parse((await zipEntries(file)).get("manifest.json")!.toString()).counts;
      expect(loaded).toEqual(expected);
      expect(await partnerCounts(fresh.database.db, 1)).toEqual(expected);
      expect(expected.tickets).toBe(2);
      const [openTickets] = rowsOf<{ open: number }>(
        await fresh.database.db.execute(sql`select open from ticket_open_counts where partner_id = 1`),
      );
      expect(openTickets).toEqual({ open: 1 });
      const sealed = rowsOf<{ number: string; sealed_sha256: string; bytes: Uint8Array }>(
        await fresh.database.db.execute(sql`select c.number, c.sealed_sha256, d.bytes from contracts c
          join documents d on d.contract_id = c.id and d.kind = 'contract_sealed' where c.sealed_sha256 is not null`),
      );
      expect(sealed.length).toBeGreaterThan(0);
      for (const s of sealed)
        expect(createHash("sha256").update(Buffer.from(s.bytes)).digest("hex")).toBe(s.sealed_sha256);
      // The restored installation goes on numbering after the restored rows.
      const [next] = rowsOf<{ id: number }>(
        await fresh.database.db.execute(sql`insert into products (partner_id, name, model, category)
          values (1, '새 제품', 'NEW-1', 'water') returning id`),
      );
      expect(next!.id).toBeGreaterThan(
        rowsOf<{ m: number }>(
          await t.database.db.execute(sql`select max(id)::int as m from products where partner_id = 1`),
        )[0]!.m,
      );
      await expect(restoreArchive(fresh.database, { file })).rejects.toThrow(/already exists/);
    } finally {
      await fresh.close();
    }
  });
});
