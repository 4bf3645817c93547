process.env.TZ = "Asia/Seoul";

import { join } from "node:path";
import { creditBureauFromEnv } from "./adapters/credit-bureau/index.js";
import { KakaoLogin } from "./adapters/kakao/kakao-login.js";
import { paymentGatewayFromEnv } from "./adapters/payments/index.js";
import { createApp } from "./app.js";
import { systemClock } from "./clock.js";
import { openDatabase } from "./db/client.js";
import { loadOrCreateSigningCertificate } from "./documents/signing-certificate.js";
import { REPO_ROOT, readEnv } from "./env.js";
import type { AppDeps } from "./http/context.js";
import { startScheduler } from "./jobs/scheduler.js";
import { smtpMailer } from "./notifications/mailer.js";
import { seedDemoFunnel } from "./seed/demo-funnel.js";
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemo } from "./seed/demo-seed.js";

const env = readEnv();
const clock = systemClock();
const database = await openDatabase({
  databaseUrl: env.DATABASE_URL,
  dataDir: env.DATABASE_URL ? undefined : join(env.dataDir, "pglite"),
});
await database.migrate();
const seeded = env.SEED === "demo" ? await seedDemo(database.db, { today: clock.today() }) : false;

const certificate = await loadOrCreateSigningCertificate(join(env.dataDir, "signing"), {
  p12Path: env.SIGNING_P12_PATH,
  passphrase: env.SIGNING_P12_PASSPHRASE,
});

const deps: AppDeps = {
  database,
  clock,
  certificate,
  adapters: {
    creditBureau: creditBureauFromEnv(),
    paymentGateway: paymentGatewayFromEnv(process.env, { database, dataDir: env.dataDir }),
    kakao: new KakaoLogin(),
    mailer: env.SMTP_URL ? smtpMailer({ url: env.SMTP_URL, from: env.MAIL_FROM }) : null,
  },
  config: {
    publicUrl: env.publicUrl,
    secureCookies: env.SECURE_COOKIES === "true",
    corsOrigins: env.CORS_ORIGINS.split(",").filter(Boolean),
    trustProxy: env.TRUST_PROXY === "false" ? false : env.TRUST_PROXY,
    loginRateLimit: { windowMs: 15 * 60_000, max: 10 },
    publicRateLimit: { windowMs: 60_000, max: 120 },
    adminDist: join(REPO_ROOT, "apps/admin/dist"),
  },
};
if (seeded) await seedDemoFunnel(deps);
const app = createApp(deps);
app.outbox.kick();
const scheduler = env.JOBS === "on" ? startScheduler({ outbox: app.outbox, deps }) : undefined;

const server = app.listen(env.PORT, () => {
  const where =
    database.kind === "pglite" ? `embedded PGlite in ${env.dataDir}` : "PostgreSQL (DATABASE_URL)";
  console.log(
    `\nSSP is running at ${env.publicUrl}  (database: ${where}${seeded ? ", demo data seeded" : ""})`,
  );
  if (env.SEED === "demo") {
    console.log(`Demo logins (password for all: ${DEMO_PASSWORD}):`);
    for (const u of DEMO_LOGINS) console.log(`  ${u.role.padEnd(11)} ${u.email}`);
  }
});

async function shutdown() {
  scheduler?.stop();
  server.close();
  await app.outbox.idle();
  await database.close();
  process.exit(0);
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
