import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { rowsOf } from "../src/db/client.js";
import { StaffClient } from "./client.js";
import { ApiProcess, freePort } from "./server.js";
import type { SectionResult, SuiteContext } from "./suite.js";

/** How many sealed contracts there are (`ids`, or the first thousand listed) and how many verify. */
async function sealedVerdicts(
  client: StaffClient,
  ids?: number[],
): Promise<{ sealed: number; valid: number }> {
  const listed = ids
    ? undefined
    : await client.get(`/api/contracts?${new URLSearchParams({ range: "[0,999]" })}`);
  const sealed = ids
    ? ids.map((id) => ({ id }))
    : (listed!.body as { id: number; sealedSha256: string | null }[]).filter((c) => c.sealedSha256);
  let valid = 0;
  for (const c of sealed) {
    const res = await client.get(`/api/contracts/${c.id}/verify`);
    if ((res.body as { valid?: boolean }).valid) valid++;
  }
  return { sealed: sealed.length, valid };
}

/**
 * Backup → destroy → restore, then the sealed PDFs verify: PostgreSQL with pg_dump -Fc and
 * pg_restore into a new database; the embedded database by copying its folder (the API stopped,
 * as the README says to back it up).
 */
export async function backupRestore(ctx: SuiteContext): Promise<SectionResult> {
  const failures: string[] = [];
  const manager = ctx.staff["manager@demo.kr"]!;
  // The suite's contracts outnumber a page: the sealed ones are named by the database.
  const sealedIds = rowsOf<{ id: number }>(
    await ctx.db.db.execute(
      sql`select id from contracts where partner_id = 1 and sealed_sha256 is not null order by id`,
    ),
  ).map((r) => r.id);
  const before = await sealedVerdicts(manager, sealedIds);
  const dump = join(mkdtempSync(join(tmpdir(), "ssp-backup-")), "ssp.dump");
  const url = new URL(ctx.adminUrl);
  url.pathname = `/${ctx.databaseName}`;
  await ctx.api.stop();
  execFileSync("pg_dump", ["-Fc", "-f", dump, "-d", url.toString()]);
  const admin = postgres(ctx.adminUrl, { max: 1, onnotice: () => {} });
  await ctx.db.close();
  await admin.unsafe(`drop database ${ctx.databaseName} with (force)`);
  await admin.unsafe(`create database ${ctx.databaseName}`);
  execFileSync("pg_restore", ["--no-owner", "-d", url.toString(), dump]);
  await admin.end();
  await ctx.api.start();
  const restoredClient = await StaffClient.signIn(ctx.api.baseUrl, "manager@demo.kr");
  const after = await sealedVerdicts(restoredClient, sealedIds);
  if (after.sealed === 0 || after.valid !== after.sealed || before.valid !== before.sealed)
    failures.push(
      `PostgreSQL: ${after.valid} of ${after.sealed} sealed PDFs verify after restore (before: ${before.sealed})`,
    );

  if (ctx.smoke)
    return {
      name: "Backup → destroy → restore",
      report: `PostgreSQL: ${after.valid} of ${after.sealed} sealed PDFs verify after restore (the smoke leaves out PGlite).`,
      figures: { sealed: after.sealed, valid: after.valid },
      failures,
    };
  // The embedded database: a second API on PGlite, its folder copied while it was stopped.
  const dataDir = mkdtempSync(join(tmpdir(), "ssp-pglite-"));
  const embedded = new ApiProcess({
    databaseUrl: "",
    dataDir,
    port: await freePort(),
    env: { TWO_FACTOR_ROLES: "" },
  });
  await embedded.start();
  const pgliteBefore = await sealedVerdicts(await StaffClient.signIn(embedded.baseUrl, "manager@demo.kr"));
  await embedded.stop();
  const copy = mkdtempSync(join(tmpdir(), "ssp-pglite-backup-"));
  cpSync(dataDir, copy, { recursive: true });
  rmSync(dataDir, { recursive: true, force: true });
  cpSync(copy, dataDir, { recursive: true });
  await embedded.start();
  const pgliteAfter = await sealedVerdicts(await StaffClient.signIn(embedded.baseUrl, "manager@demo.kr"));
  await embedded.stop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(copy, { recursive: true, force: true });
  if (pgliteAfter.sealed !== pgliteBefore.sealed || pgliteAfter.valid !== pgliteAfter.sealed)
    failures.push(`PGlite: ${pgliteAfter.valid} of ${pgliteAfter.sealed} sealed PDFs verify after restore`);
  return {
    name: "Backup → destroy → restore",
    report: `PostgreSQL (pg_dump -Fc → drop database → pg_restore): **${after.valid} of ${after.sealed} sealed PDFs verify** (before: ${before.valid} of ${before.sealed}). Embedded PGlite (folder copied with the API stopped → folder deleted → copied back): **${pgliteAfter.valid} of ${pgliteAfter.sealed} verify** (before: ${pgliteBefore.valid} of ${pgliteBefore.sealed}).`,
    figures: {
      sealed: after.sealed,
      valid: after.valid,
      pgliteSealed: pgliteAfter.sealed,
      pgliteValid: pgliteAfter.valid,
    },
    failures,
  };
}
