import { describe, expect, it } from "vitest";
import type { Db } from "../../db/client.js";
import {
  FileKakaoPayLedger,
  KakaoPayGateway,
  kakaoPayLedgerFor,
  PostgresKakaoPayLedger,
  paymentGatewayFromEnv,
  SandboxGateway,
  TossGateway,
} from "./index.js";

describe("paymentGatewayFromEnv", () => {
  it("defaults to the sandbox", () => {
    expect(paymentGatewayFromEnv({})).toBeInstanceOf(SandboxGateway);
    expect(paymentGatewayFromEnv({ PAYMENT_GATEWAY: "sandbox" }).name).toBe("sandbox");
  });

  it("builds Toss with its secret key", () => {
    const gateway = paymentGatewayFromEnv({ PAYMENT_GATEWAY: "toss", TOSS_SECRET_KEY: "test_sk_x" });
    expect(gateway).toBeInstanceOf(TossGateway);
    expect(gateway.name).toBe("toss");
  });

  it("builds KakaoPay with its secret key and recurring CID", () => {
    const gateway = paymentGatewayFromEnv({
      PAYMENT_GATEWAY: "kakaopay",
      KAKAOPAY_SECRET_KEY: "DEVKEY",
      KAKAOPAY_CID: "TCSUBSCRIP",
    });
    expect(gateway).toBeInstanceOf(KakaoPayGateway);
    expect(gateway.startRedirect).toBeTypeOf("function");
  });

  it("names the missing key", () => {
    expect(() => paymentGatewayFromEnv({ PAYMENT_GATEWAY: "toss" })).toThrow(/TOSS_SECRET_KEY/);
    expect(() => paymentGatewayFromEnv({ PAYMENT_GATEWAY: "kakaopay", KAKAOPAY_SECRET_KEY: "k" })).toThrow(
      /KAKAOPAY_CID/,
    );
    expect(() => paymentGatewayFromEnv({ PAYMENT_GATEWAY: "kakaopay", KAKAOPAY_CID: "c" })).toThrow(
      /KAKAOPAY_SECRET_KEY/,
    );
  });

  it("rejects an unknown gateway and a bad timeout", () => {
    expect(() => paymentGatewayFromEnv({ PAYMENT_GATEWAY: "paypal" })).toThrow(/sandbox, toss, kakaopay/);
    expect(() =>
      paymentGatewayFromEnv({
        PAYMENT_GATEWAY: "toss",
        TOSS_SECRET_KEY: "k",
        PAYMENT_GATEWAY_TIMEOUT_MS: "-1",
      }),
    ).toThrow(/PAYMENT_GATEWAY_TIMEOUT_MS/);
  });
});

describe("kakaoPayLedgerFor", () => {
  const db = {} as Db;
  it("keeps KakaoPay charges in doubt in PostgreSQL when the server runs on PostgreSQL", () => {
    expect(kakaoPayLedgerFor({ database: { kind: "postgres", db }, dataDir: "/srv/ssp" })).toBeInstanceOf(
      PostgresKakaoPayLedger,
    );
  });

  it("keeps them in a file under DATA_DIR on the embedded database (its one connection is busy)", () => {
    expect(kakaoPayLedgerFor({ database: { kind: "pglite", db }, dataDir: "/srv/ssp" })).toBeInstanceOf(
      FileKakaoPayLedger,
    );
  });
});
