import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ROLES } from "@ssp/domain";
import { z } from "zod";

export const REPO_ROOT = fileURLToPath(new URL("../../..", import.meta.url));

const ZEnv = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATA_DIR: z.string().default("data"),
  DATABASE_URL: z
    .string()
    .url()
    .optional()
    .or(z.literal("").transform(() => undefined)),
  PUBLIC_URL: z.string().url().optional(),
  SEED: z.enum(["demo", "none"]).default("demo"),
  /** With the demo seed: a year of billing history for 데모렌탈 (first start only, ~30 s). */
  SEED_HISTORY: z.enum(["on", "off"]).default("on"),
  CORS_ORIGINS: z.string().default(""),
  TRUST_PROXY: z.string().default("loopback"),
  SECURE_COOKIES: z.enum(["true", "false"]).default("false"),
  JOBS: z.enum(["on", "off"]).default("on"),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("SSP <no-reply@ssp.local>"),
  SIGNING_P12_PATH: z.string().optional(),
  SIGNING_P12_PASSPHRASE: z.string().optional(),
  /**
   * Base64 keys of 32 bytes, comma-separated (the first seals, all open): partners' secrets are
   * encrypted with it. Without it one is generated into DATA_DIR/secrets.key on first start.
   */
  SECRETS_KEY: z.string().optional(),
  /** Each statement of a request is stopped past this many milliseconds (503 query_timeout). */
  STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  /** The bearer token Prometheus must send to GET /metrics; unset, only localhost may scrape. */
  METRICS_TOKEN: z.string().min(16).optional(),
  /** Roles that must sign in with a TOTP code, comma-separated (an owner can require it of all). */
  TWO_FACTOR_ROLES: z
    .string()
    .default("operator,owner,finance")
    .transform((text) =>
      text
        .split(",")
        .map((r) => r.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(ROLES))),
  /** API processes on PostgreSQL (node:cluster); embedded PGlite always runs one. */
  API_PROCESSES: z.coerce.number().int().min(1).max(16).default(1),
});

export type Env = z.infer<typeof ZEnv> & { dataDir: string; publicUrl: string };

/** Reads and checks the environment once; a bad value stops the server with a clear message. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = ZEnv.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  const env = parsed.data;
  return {
    ...env,
    dataDir: resolve(REPO_ROOT, env.DATA_DIR),
    publicUrl: env.PUBLIC_URL ?? `http://localhost:${env.PORT}`,
  };
}
