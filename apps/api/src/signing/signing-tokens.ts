import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** ≥ 32 random bytes, base64url; only the SHA-256 is ever stored (SPEC §3 E-signature). */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

export function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function sameHash(a: string, b: string): boolean {
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
}

export const LINK_TTL_DAYS = 7;
export const MAX_VERIFY_ATTEMPTS = 5;
