import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type RunningApi, startApiServer } from "../../api/test/support/api-server";

export type { RunningApi };
export const REPO_ROOT = fileURLToPath(new URL("../../..", import.meta.url));

/**
 * Starts the API the way `npm start` does, serving the built admin, on a free port with its own
 * data: on a fresh PostgreSQL database when DATABASE_URL is set, else on embedded PGlite.
 */
export async function startApi(): Promise<RunningApi> {
  const dist = join(REPO_ROOT, "apps/admin/dist/index.html");
  if (!existsSync(dist)) {
    throw new Error(`${dist} is missing: build the admin first (pnpm --filter @ssp/admin build)`);
  }
  return startApiServer({ adminUrl: process.env.DATABASE_URL || undefined });
}
