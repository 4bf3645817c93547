import { randomBytes } from "node:crypto";
import type { Role } from "@ssp/domain";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import request from "supertest";
import type TestAgent from "supertest/lib/agent.js";
import { SandboxBureau } from "../src/adapters/credit-bureau/sandbox-bureau.js";
import { KakaoLogin } from "../src/adapters/kakao/kakao-login.js";
import { SandboxGateway } from "../src/adapters/payments/sandbox-gateway.js";
import { createApp } from "../src/app.js";
import { createSigningCertificate, type SigningCertificate } from "../src/documents/signing-certificate.js";

let certificate: SigningCertificate | undefined;
/** One sealing certificate per test process: generating RSA keys is slow. */
function testCertificate(): SigningCertificate {
  certificate ??= createSigningCertificate();
  return certificate;
}

import { type FixedClock, fixedClock } from "../src/clock.js";
import { type Database, openDatabase, rowsOf } from "../src/db/client.js";
import type { Adapters, AppDeps } from "../src/http/context.js";
import { createLogger } from "../src/observability/logger.js";
import { SecretBox } from "../src/security/secret-box.js";
import { seedDemoFunnel } from "../src/seed/demo-funnel.js";
import { DEMO_PASSWORD, seedDemo } from "../src/seed/demo-seed.js";

/** A fixed key, so a test can open what the app sealed. */
export const TEST_SECRET_BOX = new SecretBox([Buffer.alloc(32, 7)]);

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;

export interface TestApp {
  app: ReturnType<typeof createApp>;
  /** The PostgreSQL database this app got (undefined on PGlite). */
  databaseName: string | undefined;
  database: Database;
  clock: FixedClock;
  /** Every log line the app wrote, parsed (JSON objects, one per line). */
  logs: Record<string, unknown>[];
  /** A supertest agent logged in as the given demo user. */
  login(email: string): Promise<TestAgent>;
  close(): Promise<void>;
}

/**
 * The whole app in-process against a database of its own: a fresh PostgreSQL database per test
 * file when TEST_DATABASE_URL/DATABASE_URL is set (so files run in parallel), else PGlite in
 * memory. Migrated and seeded with the demo data like a first start.
 */
export async function startTestApp(
  options: {
    today?: string;
    customersPerPartner?: number;
    adapters?: Partial<Adapters>;
    funnel?: boolean;
    /** Public pages' requests per minute per address (default 1,000: enough for any test). */
    publicRateLimit?: number;
    /** Roles that must sign in with a second factor (none unless a test is about it). */
    twoFactorRoles?: Role[];
    /** The app reaches its database through this (a proxy that can play an outage). */
    throughProxy?: (url: string) => Promise<string>;
    /** Each statement of a request is stopped past this (default 10 s). */
    statementTimeoutMs?: number;
    /** Failed logins per address per minute (default 200). */
    loginsPerAddress?: number;
    /** A folder with the built admin's pages, to serve them as `npm start` does. */
    adminDist?: string;
  } = {},
): Promise<TestApp> {
  const clock = fixedClock(options.today ?? "2026-11-23");
  const { url, name: databaseName, dispose } = await freshDatabase();
  const appUrl = url && options.throughProxy ? await options.throughProxy(url) : url;
  const database = await openDatabase({
    databaseUrl: appUrl,
    poolSize: 4,
    statementTimeoutMs: options.statementTimeoutMs ?? 10_000,
  });
  await database.migrate();
  await seedDemo(database.db, {
    today: clock.today(),
    customersPerPartner: options.customersPerPartner ?? 30,
  });
  const logs: Record<string, unknown>[] = [];
  const deps: AppDeps = {
    database,
    clock,
    logger: capturingLogger(logs),
    certificate: testCertificate(),
    adapters: {
      creditBureau: new SandboxBureau(),
      paymentGateway: new SandboxGateway(),
      kakao: new KakaoLogin(),
      mailer: null,
      ...options.adapters,
    },
    config: {
      publicUrl: "http://localhost:3000",
      secureCookies: false,
      corsOrigins: ["http://localhost:5173"],
      trustProxy: "loopback",
      loginRateLimit: { windowMs: 60_000, max: 5, maxPerAddress: options.loginsPerAddress ?? 200 },
      // Tests that are not about the second factor sign in with a password alone.
      twoFactorRoles: options.twoFactorRoles ?? [],
      publicRateLimit: { windowMs: 60_000, max: options.publicRateLimit ?? 1_000 },
      secretBox: TEST_SECRET_BOX,
      statementTimeoutMs: options.statementTimeoutMs ?? 10_000,
      // Small, so that a test can reach the bound (production: two running, 64 waiting).
      fairShare: { running: 2, waiting: 4 },
      adminDist: options.adminDist,
    },
  };
  if (options.funnel) await seedDemoFunnel(deps);
  const app = createApp(deps);
  return {
    app,
    databaseName,
    database,
    clock,
    logs,
    async login(email) {
      const agent = request.agent(app);
      const res = await agent.post("/api/auth/login").send({ email, password: DEMO_PASSWORD });
      if (res.status !== 200)
        throw new Error(`login as ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return agent;
    },
    async close() {
      await app.outbox.idle();
      await database.close();
      await dispose();
    },
  };
}

/**
 * The app's logger, writing into `lines` (so tests can read what was logged) and, for errors,
 * to stderr as well, so a failing test shows the server's side.
 */
function capturingLogger(lines: Record<string, unknown>[]) {
  return createLogger({
    level: "info",
    destination: {
      write(line: string) {
        const parsed = JSON.parse(line) as Record<string, unknown>;
        lines.push(parsed);
        if (parsed.level === "error" || parsed.level === "fatal") process.stderr.write(line);
      },
    },
  });
}

async function freshDatabase(): Promise<{
  url: string | undefined;
  name: string | undefined;
  dispose: () => Promise<void>;
}> {
  if (!TEST_DATABASE_URL) return { url: undefined, name: undefined, dispose: async () => {} };
  const name = `ssp_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    dispose: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** Row count of a table, read as the owner (outside RLS), to prove a rejected request wrote nothing. */
export async function countOf(database: Database, table: string): Promise<number> {
  const rows = rowsOf<{ n: number }>(
    await database.db.execute(sql.raw(`select count(*)::int as n from ${table}`)),
  );
  return Number(rows[0]?.n);
}

/** A fresh, migrated database without seed data (PGlite in memory when no URL is set). */
export async function openTestDatabase(): Promise<{ database: Database; close(): Promise<void> }> {
  const { url, dispose } = await freshDatabase();
  const database = await openDatabase({ databaseUrl: url, poolSize: 4 });
  await database.migrate();
  return {
    database,
    async close() {
      await database.close();
      await dispose();
    },
  };
}
