import { createHash } from "node:crypto";

/** Lower-case hex SHA-256, the form stored as `sealedSha256` and shown on the audit certificate. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}
