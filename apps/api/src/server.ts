process.env.TZ = "Asia/Seoul";

import cluster from "node:cluster";
import { createApp } from "./app.js";
import { followSessionChanges } from "./auth/session-changes.js";
import { readEnv } from "./env.js";
import { createHttpServer } from "./http/http-server.js";
import { startScheduler } from "./jobs/scheduler.js";
import { DEMO_LOGINS, DEMO_PASSWORD } from "./seed/demo-seed.js";
import { appDeps, openAppDatabase, prepare, seedEmbeddedDemoAside } from "./startup.js";

/**
 * `npm start`: one process; on PostgreSQL, API_PROCESSES > 1 runs that many behind one port
 * through node:cluster (for machines with cores to spare: on the 2-core bench machine, where the
 * load generator shares the cores, a second process did not pay — docs/decisions/0007). The
 * primary migrates, seeds and creates the signing certificate once, then forks; it serves
 * nothing itself. Only the first process runs the cron jobs. What is cached stays right across
 * processes and instances: session changes travel by NOTIFY (auth/session-changes.ts), rate
 * limits are counted in PostgreSQL.
 */
const env = readEnv();
const processes = env.DATABASE_URL ? env.API_PROCESSES : 1;

if (processes > 1 && cluster.isPrimary) await runPrimary();
else await serve();

async function runPrimary(): Promise<void> {
  const database = await openAppDatabase(env, { boundReads: true });
  const seeded = await prepare(env, await appDeps(env, database));
  await database.close();
  let stopping = false;
  const fork = (index: number) =>
    cluster.fork({ SSP_PROCESS_INDEX: String(index), SSP_SEEDED: seeded ? "1" : "" }).on("exit", (code) => {
      if (stopping) return;
      console.error(`API process ${index} exited (${code}); starting it again`);
      fork(index);
    });
  for (let i = 1; i <= processes; i++) fork(i);
  const stop = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill("SIGTERM");
    cluster.disconnect(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

async function serve(): Promise<void> {
  const index = Number(process.env.SSP_PROCESS_INDEX ?? "1");
  const seededAside = cluster.isWorker ? false : await seedEmbeddedDemoAside(env);
  const database = await openAppDatabase(env, { boundReads: true });
  const deps = await appDeps(env, database);
  // A single process prepares for itself; forked ones find it done by the primary.
  const preparedHere = cluster.isWorker ? process.env.SSP_SEEDED === "1" : await prepare(env, deps);
  const seeded = seededAside || preparedHere;
  const stopFollowing = await followSessionChanges(database);
  const app = createApp(deps);
  app.outbox.kick();
  const scheduler =
    env.JOBS === "on" && index === 1 ? startScheduler({ outbox: app.outbox, deps }) : undefined;

  const server = createHttpServer(app).listen(env.PORT, () => {
    if (index !== 1) return;
    const where =
      database.kind === "pglite" ? `embedded PGlite in ${env.dataDir}` : "PostgreSQL (DATABASE_URL)";
    const how = processes > 1 ? `, ${processes} processes` : "";
    console.log(
      `\nSSP is running at ${env.publicUrl}  (database: ${where}${how}${seeded ? ", demo data seeded" : ""})`,
    );
    if (env.SEED === "demo") {
      console.log(`Demo logins (password for all: ${DEMO_PASSWORD}):`);
      for (const u of DEMO_LOGINS) console.log(`  ${u.role.padEnd(11)} ${u.email}`);
    }
  });

  const shutdown = async (code = 0) => {
    scheduler?.stop();
    server.close();
    await app.outbox.idle();
    await stopFollowing();
    await database.close();
    process.exit(code);
  };
  process.on("SIGINT", () => shutdown());
  process.on("SIGTERM", () => shutdown());
  // A port already taken (often SSP itself, started twice): said in one line, and the database
  // closed as on any other stop.
  server.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EADDRINUSE") throw error;
    console.error(
      `Port ${env.PORT} is already in use (is SSP already running?). Set PORT to use another one.`,
    );
    void shutdown(1);
  });
}
