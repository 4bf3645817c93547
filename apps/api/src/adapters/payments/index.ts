import { join } from "node:path";
import type { Database } from "../../db/client.js";
import { FileKakaoPayLedger } from "./file-kakaopay-ledger.js";
import { InMemoryKakaoPayLedger, KakaoPayGateway, type KakaoPayLedger } from "./kakaopay-gateway.js";
import type { PaymentGateway } from "./payment-gateway.js";
import { PostgresKakaoPayLedger } from "./postgres-kakaopay-ledger.js";
import { SandboxGateway } from "./sandbox-gateway.js";
import { TossGateway } from "./toss-gateway.js";

export { FileKakaoPayLedger } from "./file-kakaopay-ledger.js";
export { InMemoryKakaoPayLedger, KakaoPayGateway, type KakaoPayLedger } from "./kakaopay-gateway.js";
export * from "./payment-gateway.js";
export { PostgresKakaoPayLedger } from "./postgres-kakaopay-ledger.js";
export { SANDBOX_CARDS, SandboxGateway } from "./sandbox-gateway.js";
export { TossGateway } from "./toss-gateway.js";

export const PAYMENT_GATEWAYS = ["sandbox", "toss", "kakaopay"] as const;
export type PaymentGatewayName = (typeof PAYMENT_GATEWAYS)[number];

/**
 * The one place a payment gateway is chosen (SPEC §3 Payment methods):
 *   PAYMENT_GATEWAY=sandbox (default) | toss (TOSS_SECRET_KEY) | kakaopay (KAKAOPAY_SECRET_KEY,
 *   KAKAOPAY_CID = the recurring CID). Optional PAYMENT_GATEWAY_TIMEOUT_MS (per request).
 * A missing key or an unknown name throws, so a misconfigured server stops at startup.
 * `storage` is where KakaoPay keeps charges in doubt (see {@link kakaoPayLedgerFor}); the server
 * and the CLI always pass it.
 */
export function paymentGatewayFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
  storage?: LedgerStorage,
): PaymentGateway {
  const name = (env.PAYMENT_GATEWAY ?? "").trim() || "sandbox";
  const timeoutMs = readTimeout(env.PAYMENT_GATEWAY_TIMEOUT_MS);
  switch (name) {
    case "sandbox":
      return new SandboxGateway();
    case "toss":
      return new TossGateway({ secretKey: required(env, "TOSS_SECRET_KEY", name), timeoutMs });
    case "kakaopay":
      return new KakaoPayGateway({
        secretKey: required(env, "KAKAOPAY_SECRET_KEY", name),
        cid: required(env, "KAKAOPAY_CID", name),
        timeoutMs,
        ledger: storage ? kakaoPayLedgerFor(storage) : new InMemoryKakaoPayLedger(),
      });
    default:
      throw new Error(`PAYMENT_GATEWAY must be one of ${PAYMENT_GATEWAYS.join(", ")} (got "${name}")`);
  }
}

export interface LedgerStorage {
  database: Pick<Database, "db" | "kind">;
  /** DATA_DIR: the embedded database keeps the ledger in a file here. */
  dataDir: string;
}

/**
 * KakaoPay takes no idempotency key, so the record of a charge in doubt must outlive the process
 * and be seen by every instance: the `kakaopay_pending_charges` table on PostgreSQL (root handle,
 * its own commits); on embedded PGlite, whose one connection the business transaction holds, a
 * JSON file under DATA_DIR.
 */
export function kakaoPayLedgerFor(storage: LedgerStorage): KakaoPayLedger {
  return storage.database.kind === "postgres"
    ? new PostgresKakaoPayLedger(storage.database.db)
    : new FileKakaoPayLedger(join(storage.dataDir, "kakaopay-pending-charges.json"));
}

function required(env: Readonly<Record<string, string | undefined>>, key: string, gateway: string): string {
  const value = env[key]?.trim();
  if (!value) throw new Error(`PAYMENT_GATEWAY=${gateway} needs ${key}`);
  return value;
}

function readTimeout(raw: string | undefined): number | undefined {
  if (raw === undefined || raw.trim() === "") return undefined;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms <= 0) {
    throw new Error(`PAYMENT_GATEWAY_TIMEOUT_MS must be a positive integer (got "${raw}")`);
  }
  return ms;
}
