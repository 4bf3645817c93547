/** What we send a credit bureau: never a resident registration number (SPEC §2). */
export interface CreditInquiry {
  requestId: string;
  name: string;
  birthDate: string;
  phone: string;
  consentedAt: string;
}

export interface CreditReport {
  score: number;
  grade: number;
  bureauRef: string;
}

/** A credit bureau, chosen by `CREDIT_BUREAU` in one place (adapters/credit-bureau/index.ts). */
export interface CreditBureau {
  readonly name: string;
  inquire(inquiry: CreditInquiry): Promise<CreditReport>;
}

export class BureauUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BureauUnavailableError";
  }
}

/** Grade 1 (best, 900+) to 10 (below 200) from a 1–1000 score, in bands of 100. */
export function gradeOf(score: number): number {
  return Math.min(10, Math.max(1, 10 - Math.floor(score / 100)));
}
