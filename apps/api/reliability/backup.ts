import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { StaffClient } from "./client.js";
import { ApiProcess, freePort } from "./server.js";
import type { SectionResult, SuiteContext } from "./suite.js";

async function sealedVerdicts(client: StaffClient): Promise<{ sealed: number; valid: number }> {
  const list = await client.get(`/api/contracts?${new URLSearchParams({ range: "[0,999]" })}`);
  const sealed = (list.body as { id: number; sealedSha256: string | null }[]).filter((c) => c.sealedSha256);
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
  const before = await sealedVerdicts(manager);
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
  const after = await sealedVerdicts(restoredClient);
  if (after.sealed !== before.sealed || after.valid !== after.sealed)
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
