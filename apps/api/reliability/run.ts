/**
 * `pnpm reliability [--smoke] [--only=matrix,fuzz,races,outage,crash,load,backup]`: the standing
 * reliability suite (issue 14) against the API as `npm start` runs it, on a PostgreSQL database
 * of its own (DATABASE_URL names the server), reached through a TCP proxy so an outage can be
 * played. The full run writes RELIABILITY.md at the repository root; `--smoke` (≈ 60 s, in
 * `npm test` through test/reliability-smoke.test.ts) runs every section small and writes nothing.
 * The last line printed is one JSON object.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { seoulDate } from "../src/clock.js";
import { openDatabase } from "../src/db/client.js";
import { REPO_ROOT } from "../src/env.js";
import { startTcpProxy } from "../test/support/tcp-proxy.js";
import { backupRestore } from "./backup.js";
import { ROLES_TO_SIGN_IN, StaffClient } from "./client.js";
import { crashDuringBilling } from "./crash.js";
import { fuzzEndpoints } from "./fuzz.js";
import { routeMatrix } from "./matrix.js";
import { moneyRaces } from "./money-races.js";
import { outages } from "./outage.js";
import { ApiProcess, freePort } from "./server.js";
import { mixedLoad } from "./soak.js";
import type { SectionResult, SuiteContext } from "./suite.js";

const SECTIONS: Record<string, (ctx: SuiteContext) => Promise<SectionResult>> = {
  matrix: routeMatrix,
  races: moneyRaces,
  outage: outages,
  crash: crashDuringBilling,
  // Before the fuzzing, whose accepted requests change the demo data the load reads.
  load: mixedLoad,
  fuzz: fuzzEndpoints,
  backup: backupRestore,
};

export async function runSuite(args: string[]): Promise<{ ok: boolean; results: SectionResult[] }> {
  const smoke = args.includes("--smoke");
  const only = args
    .find((a) => a.startsWith("--only="))
    ?.split("=")[1]
    ?.split(",");
  const adminUrl = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
  const databaseName = `ssp_reliability_${randomBytes(4).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${databaseName}`);
  const url = new URL(adminUrl);
  url.pathname = `/${databaseName}`;
  const proxy = await startTcpProxy(url.toString());
  const dataDir = mkdtempSync(join(tmpdir(), "ssp-reliability-"));
  const api = new ApiProcess({ databaseUrl: proxy.url, dataDir, port: await freePort() });
  const results: SectionResult[] = [];
  const started = Date.now();
  try {
    await api.start();
    const db = await openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
    const staff: Record<string, StaffClient> = {};
    for (const email of ROLES_TO_SIGN_IN) staff[email] = await StaffClient.signIn(api.baseUrl, email);
    const ctx: SuiteContext = {
      api,
      proxy,
      db,
      adminUrl,
      databaseName,
      apiDatabaseUrl: proxy.url,
      dataDir,
      staff,
      smoke,
      today: seoulDate(new Date()),
    };
    for (const [name, section] of Object.entries(SECTIONS)) {
      if (only && !only.includes(name)) continue;
      const t0 = Date.now();
      console.log(`— ${name}…`);
      try {
        const result = await section(ctx);
        results.push(result);
        console.log(
          `  ${result.failures.length === 0 ? "ok" : `${result.failures.length} FAILURES`} in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
        );
        for (const f of result.failures.slice(0, 10)) console.log(`    ${f}`);
      } catch (error) {
        results.push({
          name,
          report: `Did not finish: ${String(error)}`,
          figures: {},
          failures: [String(error)],
        });
        console.log(`  did not finish: ${String(error)}\n${api.output.slice(-2_000)}`);
      }
      // backup closes the suite's own connection when it drops the database
      if (name === "backup") ctx.db = await openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
    }
    await ctx.db.close();
  } finally {
    await api.stop();
    await proxy.close();
    await admin.unsafe(`drop database if exists ${databaseName} with (force)`);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const ok = results.every((r) => r.failures.length === 0);
  const seconds = Math.round((Date.now() - started) / 1000);
  if (!smoke && !only) writeReport(results, seconds);
  console.log(
    JSON.stringify({
      suite: "reliability",
      smoke,
      ok,
      seconds,
      sections: Object.fromEntries(
        results.map((r) => [r.name, { failures: r.failures.length, ...r.figures }]),
      ),
    }),
  );
  return { ok, results };
}

function writeReport(results: SectionResult[], seconds: number): void {
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? "CPU"}, PostgreSQL on the same machine`;
  const body = [
    "# Reliability",
    "",
    `Written by \`pnpm reliability\` (apps/api/reliability/run.ts) on ${new Date().toISOString()}, ${seconds} s, ${machine}.`,
    "The API runs as `npm start` runs it (a child process, demo data, its own database), every request over HTTP.",
    "",
    `**${results.every((r) => r.failures.length === 0) ? "Every section passed." : "Some sections FAILED (below)."}**`,
    "",
    ...results.flatMap((r) => [
      `## ${r.name}`,
      "",
      r.report,
      "",
      ...(r.failures.length ? ["Failures:", "", ...r.failures.slice(0, 30).map((f) => `- ${f}`), ""] : []),
    ]),
  ].join("\n");
  writeFileSync(join(REPO_ROOT, "RELIABILITY.md"), `${body}\n`);
}

if (process.argv[1]?.endsWith("run.ts")) {
  const { ok } = await runSuite(process.argv.slice(2));
  process.exit(ok ? 0 : 1);
}
