import type { Role } from "@ssp/domain";
import type { CreditBureau } from "../adapters/credit-bureau/credit-bureau.js";
import type { KakaoLogin } from "../adapters/kakao/kakao-login.js";
import type { PaymentGateway } from "../adapters/payments/payment-gateway.js";
import type { TextSender } from "../adapters/solapi/solapi.js";
import type { AuditSubject } from "../audit/record-audit.js";
import type { Clock } from "../clock.js";
import type { Database, Db } from "../db/client.js";
import type { TenantScope } from "../db/tenant.js";
import type { SigningCertificate } from "../documents/signing-certificate.js";
import type { Mailer } from "../notifications/mailer.js";
import type { Logger } from "../observability/logger.js";
import type { SecretBox } from "../security/secret-box.js";

/** The logged-in staff member a request acts for. */
export interface Actor {
  userId: number;
  email: string;
  name: string;
  role: Role;
  partnerId: number | null;
}

export interface AppConfig {
  publicUrl: string;
  secureCookies: boolean;
  corsOrigins: string[];
  /** Failed logins per address and e-mail (`max`), and per address alone (`maxPerAddress`). */
  loginRateLimit: { windowMs: number; max: number; maxPerAddress: number };
  /** Roles that must sign in with a second factor (TWO_FACTOR_ROLES). */
  twoFactorRoles: Role[];
  publicRateLimit: { windowMs: number; max: number };
  /** Express `trust proxy`: whose X-Forwarded-For to believe for client IPs. */
  trustProxy: string | boolean | number;
  adminDist?: string;
  /** Per user: expensive requests running at once, and waiting beyond those (http/fair-share.ts). */
  fairShare?: { running: number; waiting: number };
  /** Each statement of a request is stopped past this (STATEMENT_TIMEOUT_MS). */
  statementTimeoutMs: number;
  /** The bearer token Prometheus sends to /metrics (METRICS_TOKEN); without it only localhost. */
  metricsToken?: string;
  /** Seals and opens the secrets partners store (SECRETS_KEY; security/secret-box.ts). */
  secretBox: SecretBox;
}

/** Everything outside the machine, each behind an interface chosen in one place. */
export interface Adapters {
  creditBureau: CreditBureau;
  paymentGateway: PaymentGateway;
  kakao: KakaoLogin;
  /** null: no SMTP configured, e-mail stays in the outbox. */
  mailer: Mailer | null;
  /** Alimtalk and SMS/LMS (Solapi, with each partner's own account); absent: kept in the outbox. */
  texts?: TextSender | null;
}

/** What the app is built from; tests pass their own database, clock and adapters. */
export interface AppDeps {
  database: Database;
  clock: Clock;
  config: AppConfig;
  adapters: Adapters;
  /** The installation's sealing certificate (generated into DATA_DIR on first start). */
  certificate: SigningCertificate;
  /** Where log lines go (JSON on stdout unless a test captures them). */
  logger?: Logger;
}

/** Everything a staff use case needs, inside the request's one transaction. */
export interface StaffContext {
  /** The request's transaction; for read-only routes, the tenant's read connections. */
  tx: Db;
  actor: Actor;
  scope: TenantScope;
  clock: Clock;
  adapters: Adapters;
  config: AppConfig;
  certificate: SigningCertificate;
  ip: string | undefined;
  userAgent: string | undefined;
}

/**
 * A use case run for a customer on a public page (or a job): the same as a staff request but
 * without a logged-in actor. Use cases that customers can trigger take this type.
 */
export type UseCaseContext = Omit<StaffContext, "actor"> & {
  actor: Actor | null;
  /** Who acts when no staff member does: the customer on a public page, or a job (audit rows). */
  by?: AuditSubject;
};

/**
 * The context of a use case a public page runs (no staff member signed in): the app's parts, the
 * request's transaction and tenant, and the request's address and browser for the audit trail.
 */
export function publicContext<By extends AuditSubject | undefined = undefined>(
  deps: AppDeps,
  input: {
    tx: Db;
    scope: TenantScope;
    req: { ip?: string; get(name: string): string | undefined };
    by?: By;
  },
): Omit<UseCaseContext, "actor" | "by"> & { actor: null; by: By } {
  return {
    tx: input.tx,
    actor: null,
    by: input.by as By,
    scope: input.scope,
    clock: deps.clock,
    adapters: deps.adapters,
    config: deps.config,
    certificate: deps.certificate,
    ip: input.req.ip,
    userAgent: input.req.get("user-agent"),
  };
}

export function scopeOf(actor: Actor): TenantScope {
  return actor.partnerId === null ? { kind: "platform" } : { kind: "partner", partnerId: actor.partnerId };
}
