import { existsSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { creditBureauFromEnv } from "./adapters/credit-bureau/index.js";
import { KakaoLogin } from "./adapters/kakao/kakao-login.js";
import { paymentGatewayFromEnv } from "./adapters/payments/index.js";
import { SolapiClient } from "./adapters/solapi/solapi.js";
import { systemClock } from "./clock.js";
import { type Database, openDatabase } from "./db/client.js";
import { lockDataDir } from "./db/data-dir-lock.js";
import { isEmbeddedDatabaseProblem } from "./db/embedded-database-problems.js";
import { partners } from "./db/schema/index.js";
import { loadOrCreateSigningCertificate } from "./documents/signing-certificate.js";
import { type Env, REPO_ROOT } from "./env.js";
import type { AppDeps } from "./http/context.js";
import { smtpMailer } from "./notifications/mailer.js";
import { sealPlainSecrets } from "./partners/seal-plain-secrets.js";
import { loadOrCreateSecretBox } from "./security/secret-box.js";
import { seedDemoFunnel } from "./seed/demo-funnel.js";
import { seedDemoHistory } from "./seed/demo-history.js";
import { seedDemo } from "./seed/demo-seed.js";
import { seedDemoTickets } from "./seed/demo-tickets.js";

/**
 * The database `npm start` and the `job` command run on: PostgreSQL at DATABASE_URL, else the
 * embedded one in DATA_DIR. A problem with the embedded one that the person starting SSP can put
 * right (another process using it, damaged files) ends the process with that problem in one line.
 * The server bounds each statement of a read; the `job` command does not.
 */
export function openAppDatabase(env: Env, options: { boundReads: boolean }): Promise<Database> {
  return explainingEmbeddedProblems(() =>
    openDatabase({
      databaseUrl: env.DATABASE_URL,
      dataDir: env.DATABASE_URL ? undefined : embeddedFolder(env),
      statementTimeoutMs: options.boundReads ? env.STATEMENT_TIMEOUT_MS : undefined,
    }),
  );
}

function embeddedFolder(env: Env): string {
  return join(env.dataDir, "pglite");
}

/** Runs `open`; a problem with the embedded database ends the process with it in one line. */
async function explainingEmbeddedProblems<T>(open: () => T | Promise<T>): Promise<T> {
  try {
    return await open();
  } catch (error) {
    if (!isEmbeddedDatabaseProblem(error)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

/**
 * The first `npm start` on the embedded database seeds the demo in a folder beside the database's
 * and renames it into place only once the demo is complete. A first start stopped half-way (the
 * year of history takes half a minute) then leaves no database behind, and the next start seeds
 * afresh, instead of running on a demo that stops in the middle of its year. Returns whether it
 * seeded; does nothing on PostgreSQL, without the demo seed, or once the database exists.
 */
export async function seedEmbeddedDemoAside(
  env: Env,
  seed: (env: Env, deps: AppDeps) => Promise<boolean> = prepare,
): Promise<boolean> {
  const folder = embeddedFolder(env);
  if (env.DATABASE_URL || env.SEED !== "demo" || existsSync(folder)) return false;
  const aside = `${folder}.seeding`;
  // What an earlier, stopped first start left is thrown away — once this process holds it, so
  // that a first start still seeding elsewhere is never disturbed.
  const release = await explainingEmbeddedProblems(() => lockDataDir(aside));
  rmSync(aside, { recursive: true, force: true });
  release();
  const database = await explainingEmbeddedProblems(() => openDatabase({ dataDir: aside }));
  let seeded: boolean;
  try {
    seeded = await seed(env, await appDeps(env, database));
  } finally {
    await database.close();
  }
  renameSync(aside, folder);
  return seeded;
}

/** Everything the app needs from its environment, with the database it runs on. */
export async function appDeps(env: Env, database: Database): Promise<AppDeps> {
  const certificate = await loadOrCreateSigningCertificate(join(env.dataDir, "signing"), {
    p12Path: env.SIGNING_P12_PATH,
    passphrase: env.SIGNING_P12_PASSPHRASE,
  });
  const secretBox = await loadOrCreateSecretBox({ keyText: env.SECRETS_KEY, dataDir: env.dataDir });
  return {
    database,
    clock: systemClock(),
    certificate,
    adapters: {
      creditBureau: creditBureauFromEnv(),
      paymentGateway: paymentGatewayFromEnv(process.env, { database, dataDir: env.dataDir }),
      kakao: new KakaoLogin(),
      texts: new SolapiClient({ baseUrl: process.env.SOLAPI_BASE_URL || undefined }),
      mailer: env.SMTP_URL ? smtpMailer({ url: env.SMTP_URL, from: env.MAIL_FROM }) : null,
    },
    config: {
      publicUrl: env.publicUrl,
      secureCookies: env.SECURE_COOKIES === "true",
      corsOrigins: env.CORS_ORIGINS.split(",").filter(Boolean),
      trustProxy: env.TRUST_PROXY === "false" ? false : env.TRUST_PROXY,
      loginRateLimit: { windowMs: 15 * 60_000, max: 10, maxPerAddress: 30 },
      twoFactorRoles: env.TWO_FACTOR_ROLES,
      statementTimeoutMs: env.STATEMENT_TIMEOUT_MS,
      metricsToken: env.METRICS_TOKEN,
      publicRateLimit: { windowMs: 60_000, max: 120 },
      adminDist: join(REPO_ROOT, "apps/admin/dist"),
      secretBox,
    },
  };
}

/**
 * What happens once per start, before any request is served: migrations, the demo data on
 * first start, and the signing certificate (created on first start when none is configured).
 * With several API processes the primary does it alone, so they never race each other.
 * Returns whether it seeded.
 */
export async function prepare(env: Env, deps: AppDeps): Promise<boolean> {
  await deps.database.migrate();
  await sealPlainSecrets(deps.database.db, deps.config.secretBox);
  const seeded =
    env.SEED === "demo" ? await seedDemo(deps.database.db, { today: deps.clock.today() }) : false;
  if (seeded) await seedDemoFunnel(deps);
  if (seeded && env.SEED_HISTORY === "on") {
    console.log("Seeding a year of demo billing history (first start only, about half a minute)…");
    const [demo] = await deps.database.db
      .select({ id: partners.id })
      .from(partners)
      .where(eq(partners.slug, "demo"));
    if (demo) {
      await seedDemoHistory(deps, { partnerId: demo.id, today: deps.clock.today() });
      await seedDemoTickets(deps.database.db, { partnerId: demo.id, now: deps.clock.now() });
    }
  }
  return seeded;
}
