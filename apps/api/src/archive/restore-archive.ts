import { createHash } from "node:crypto";
import { parse } from "csv-parse";
import { sql } from "drizzle-orm";
import yauzl from "yauzl";
import { hashPassword } from "../auth/passwords.js";
import { type Database, rowsOf } from "../db/client.js";
import { ticketOpenCounts, tickets } from "../db/schema/index.js";
import { OPEN_TICKET } from "../tickets/tickets.repository.js";
import type { ArchiveTable } from "./archive-tables.js";
import { ARCHIVE_FORMAT } from "./export-archive.js";

interface Manifest {
  format: number;
  partnerId: number;
  tables: ArchiveTable[];
  counts: Record<string, number>;
  documents: number;
}

const ident = (name: string) => sql.raw(`"${name.replace(/"/g, '""')}"`);

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false }, (e, zip) => (e ? reject(e) : resolve(zip))),
  );
}

/** Every entry of the archive by name, read on demand. */
async function entries(zip: yauzl.ZipFile): Promise<Map<string, yauzl.Entry>> {
  const found = new Map<string, yauzl.Entry>();
  await new Promise<void>((resolve, reject) => {
    zip.on("entry", (entry: yauzl.Entry) => {
      found.set(entry.fileName, entry);
      zip.readEntry();
    });
    zip.on("end", resolve);
    zip.on("error", reject);
    zip.readEntry();
  });
  return found;
}

function read(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) => zip.openReadStream(entry, (e, s) => (e ? reject(e) : resolve(s))));
}

async function bytesOf(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of (await read(zip, entry)) as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}

export class RestoreError extends Error {}

/**
 * Loads a take-out archive into an installation that does not have this partner yet, in one
 * transaction: every table from its CSV with the same ids (so every reference holds), each PDF
 * checked against its SHA-256, the id sequences moved past what was loaded. Foreign keys and
 * triggers are off while loading (`session_replication_role = replica`): the rows come from one
 * consistent snapshot, in no particular order of dependency. Owners get `ownerPassword`; other
 * staff an unusable password.
 */
export async function restoreArchive(
  database: Database,
  input: { file: string; ownerPassword?: string; log?: (line: string) => void },
): Promise<Record<string, number>> {
  const log = input.log ?? (() => {});
  const zip = await openZip(input.file);
  try {
    const files = await entries(zip);
    const manifestEntry = files.get("manifest.json");
    if (!manifestEntry) throw new RestoreError("not an SSP archive: manifest.json is missing");
    const manifest = JSON.parse((await bytesOf(zip, manifestEntry)).toString("utf8")) as Manifest;
    if (manifest.format !== ARCHIVE_FORMAT)
      throw new RestoreError(`unknown archive format ${manifest.format}`);
    const ownerHash = input.ownerPassword ? await hashPassword(input.ownerPassword) : "!restored";
    const loaded: Record<string, number> = {};
    await database.db.transaction(async (tx) => {
      const [taken] = rowsOf<{ n: number }>(
        await tx.execute(sql`select count(*)::int as n from partners where id = ${manifest.partnerId}::int`),
      );
      if (taken!.n > 0)
        throw new RestoreError(
          `partner ${manifest.partnerId} already exists here: restore into an empty installation`,
        );
      await tx.execute(sql`set local session_replication_role = replica`);
      for (const table of manifest.tables) {
        const entry = files.get(`tables/${table.name}.csv`);
        if (!entry) throw new RestoreError(`tables/${table.name}.csv is missing`);
        const names = table.columns.map((c) => c.name);
        // Empty and unquoted is NULL; "" is an empty string (the export quotes those).
        const rows = (await read(zip, entry)).pipe(
          parse({
            bom: true,
            columns: true,
            cast: (value, context) => (value === "" && !context.quoting ? null : value),
          }),
        );
        let batch: Record<string, unknown>[] = [];
        let n = 0;
        const flush = async () => {
          if (batch.length === 0) return;
          const columns = sql.join(
            names.map((c) => ident(c)),
            sql`, `,
          );
          // Columns the CSV does not carry: users' password (withheld), documents' bytes (files).
          const extra =
            table.name === "users" ? sql`, password_hash` : table.name === "documents" ? sql`, bytes` : sql``;
          const extraValue =
            table.name === "users"
              ? sql`, case when r.role = 'owner' then ${ownerHash} else '!restored' end`
              : table.name === "documents"
                ? sql`, r.bytes`
                : sql``;
          await tx.execute(sql`insert into ${ident(table.name)} (${columns}${extra})
            select ${sql.join(
              names.map((c) => sql`r.${ident(c)}`),
              sql`, `,
            )}${extraValue}
            from json_populate_recordset(null::${ident(table.name)}, ${JSON.stringify(batch)}::json) r`);
          n += batch.length;
          batch = [];
        };
        if (table.name === "documents") {
          for await (const row of rows as AsyncIterable<Record<string, string>>) {
            const file = files.get(`documents/${row.id}-${row.kind}.pdf`);
            if (!file) throw new RestoreError(`documents/${row.id}-${row.kind}.pdf is missing`);
            const bytes = await bytesOf(zip, file);
            if (createHash("sha256").update(bytes).digest("hex") !== row.sha256)
              throw new RestoreError(`document ${row.id}: the PDF does not match its SHA-256`);
            batch.push({ ...row, bytes: `\\x${bytes.toString("hex")}` });
            await flush();
          }
        } else {
          for await (const row of rows as AsyncIterable<Record<string, unknown>>) {
            batch.push(row);
            if (batch.length >= 500) await flush();
          }
          await flush();
        }
        if (n !== (manifest.counts[table.name] ?? 0))
          throw new RestoreError(
            `${table.name}: ${n} rows, the manifest says ${manifest.counts[table.name]}`,
          );
        loaded[table.name] = n;
        log(`${table.name}: ${n}`);
        if (names.includes("id") && n > 0)
          await tx.execute(
            sql`select setval(pg_get_serial_sequence(${table.name}, 'id'), (select max(id) from ${ident(table.name)}))
                where pg_get_serial_sequence(${table.name}, 'id') is not null`,
          );
      }
      // What the triggers keep while they are on (migration 0048), counted once for what was loaded.
      await tx.execute(sql`insert into ${ticketOpenCounts} (partner_id, open)
        select ${manifest.partnerId}::int, count(*) filter (where ${OPEN_TICKET})
        from ${tickets} where ${tickets.partnerId} = ${manifest.partnerId}::int`);
    });
    return loaded;
  } finally {
    zip.close();
  }
}
