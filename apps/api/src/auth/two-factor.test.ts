import { describe, expect, it } from "vitest";
import { acceptedStep, newTotpSecret, otpauthUri, totpCode, twoFactorRequired } from "./two-factor.js";

describe("TOTP second factor", () => {
  const secret = newTotpSecret();
  const now = new Date("2026-11-23T00:00:15Z");
  const step = Math.floor(now.getTime() / 30_000);

  it("accepts the current code once, and the neighbouring steps' codes for a drifting phone", () => {
    expect(acceptedStep({ secretBase32: secret, code: totpCode(secret, now), now, lastStep: null })).toBe(
      step,
    );
    const earlier = new Date(now.getTime() - 30_000);
    expect(acceptedStep({ secretBase32: secret, code: totpCode(secret, earlier), now, lastStep: null })).toBe(
      step - 1,
    );
  });

  it("refuses a replayed code, an old one, a wrong one and anything not six digits", () => {
    const code = totpCode(secret, now);
    expect(acceptedStep({ secretBase32: secret, code, now, lastStep: step })).toBeUndefined();
    const old = totpCode(secret, new Date(now.getTime() - 120_000));
    expect(acceptedStep({ secretBase32: secret, code: old, now, lastStep: null })).toBeUndefined();
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    expect(acceptedStep({ secretBase32: secret, code: wrong, now, lastStep: null })).toBeUndefined();
    expect(acceptedStep({ secretBase32: secret, code: "12345a", now, lastStep: null })).toBeUndefined();
  });

  it("names the account and issuer in the enrolment URI", () => {
    expect(otpauthUri(secret, "owner@demo.kr")).toMatch(/^otpauth:\/\/totp\/SSP:owner%40demo\.kr\?.*secret=/);
  });

  it("is required for the named roles, and for everyone where the partner's owner says so", () => {
    const requiredRoles = ["operator", "owner", "finance"] as const;
    expect(twoFactorRequired({ role: "finance", requiredRoles, partnerRequiresAll: false })).toBe(true);
    expect(twoFactorRequired({ role: "cs", requiredRoles, partnerRequiresAll: false })).toBe(false);
    expect(twoFactorRequired({ role: "cs", requiredRoles, partnerRequiresAll: true })).toBe(true);
  });
});
