import { createHash } from "node:crypto";
import { type CreditBureau, type CreditInquiry, gradeOf } from "./credit-bureau.js";

/**
 * Deterministic, offline bureau for demos and tests. Same person, same score.
 * Magic birth dates:
 *   1900-01-01 → score 350 (declined under the default policy)
 *   1900-01-02 → score 650 (manual review)
 *   1900-01-03 → score 900 (approved)
 * Anyone else gets 550–999 from a hash of name, birth date and phone.
 */
export const SANDBOX_MAGIC_SCORES: Record<string, number> = {
  "1900-01-01": 350,
  "1900-01-02": 650,
  "1900-01-03": 900,
};

export class SandboxBureau implements CreditBureau {
  readonly name = "sandbox";

  async inquire(inquiry: CreditInquiry) {
    const magic = SANDBOX_MAGIC_SCORES[inquiry.birthDate];
    const digest = createHash("sha256")
      .update(`${inquiry.name}|${inquiry.birthDate}|${inquiry.phone}`)
      .digest();
    const score = magic ?? 550 + (digest.readUInt16BE(0) % 450);
    return { score, grade: gradeOf(score), bureauRef: `SBX-${digest.toString("hex").slice(0, 12)}` };
  }
}
