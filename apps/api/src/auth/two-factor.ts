import type { Role } from "@ssp/domain";
import * as OTPAuth from "otpauth";

/**
 * TOTP (RFC 6238: 6 digits, 30-second steps, SHA-1 — what every authenticator app reads from
 * an `otpauth://` QR code). A code is accepted for the step before, the current one and the
 * next (clock drift of a phone), and only for a step later than the last one accepted, so a
 * code seen over a shoulder or in a log cannot be used again.
 */
const PERIOD_SECONDS = 30;

export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

function totp(secretBase32: string, label = "SSP") {
  return new OTPAuth.TOTP({
    issuer: "SSP",
    label,
    algorithm: "SHA1",
    digits: 6,
    period: PERIOD_SECONDS,
    secret: OTPAuth.Secret.fromBase32(secretBase32),
  });
}

/** What the admin turns into the QR code an authenticator app scans. */
export function otpauthUri(secretBase32: string, email: string): string {
  return totp(secretBase32, email).toString();
}

/** The step the code is good for, when it is good and newer than `lastStep`; else undefined. */
export function acceptedStep(input: {
  secretBase32: string;
  code: string;
  now: Date;
  lastStep: number | null;
}): number | undefined {
  if (!/^\d{6}$/.test(input.code)) return undefined;
  const delta = totp(input.secretBase32).validate({
    token: input.code,
    timestamp: input.now.getTime(),
    window: 1,
  });
  if (delta === null) return undefined;
  const step = Math.floor(input.now.getTime() / 1000 / PERIOD_SECONDS) + delta;
  return input.lastStep !== null && step <= input.lastStep ? undefined : step;
}

/** The code an authenticator shows at `now` (tests and the reliability suite sign in with it). */
export function totpCode(secretBase32: string, now: Date): string {
  return totp(secretBase32).generate({ timestamp: now.getTime() });
}

/**
 * Whether signing in needs a second factor: for the roles the installation names
 * (TWO_FACTOR_ROLES, by default the operator, owners and finance), and for everyone in a partner
 * whose owner turned `security.requireTwoFactor` on. Others may enrol of their own accord.
 */
export function twoFactorRequired(input: {
  role: Role;
  requiredRoles: readonly Role[];
  partnerRequiresAll: boolean;
}): boolean {
  return input.requiredRoles.includes(input.role) || input.partnerRequiresAll;
}
