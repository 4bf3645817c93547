import { z } from "zod";
import { BureauUnavailableError, type CreditBureau, type CreditInquiry } from "./credit-bureau.js";

const ZBureauResponse = z.object({
  inquiryId: z.string().min(1),
  score: z.number().int().min(1).max(1000),
  grade: z.number().int().min(1).max(10),
});

/**
 * A bureau reached over HTTPS: `POST {baseUrl}/v1/credit-inquiries` with a bearer key and the
 * inquiry as JSON; it answers `{ inquiryId, score, grade }`. Timeouts, 5xx and malformed bodies
 * become BureauUnavailableError, which leaves the order untouched (the check can be retried).
 */
export class HttpBureau implements CreditBureau {
  readonly name = "http";

  constructor(private readonly options: { baseUrl: string; apiKey: string; timeoutMs?: number }) {}

  async inquire(inquiry: CreditInquiry) {
    let response: Response;
    try {
      response = await fetch(new URL("/v1/credit-inquiries", this.options.baseUrl), {
        method: "POST",
        headers: {
          authorization: `Bearer ${this.options.apiKey}`,
          "content-type": "application/json",
          "idempotency-key": inquiry.requestId,
        },
        body: JSON.stringify(inquiry),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw new BureauUnavailableError(`Credit bureau unreachable: ${(error as Error).message}`);
    }
    if (!response.ok) throw new BureauUnavailableError(`Credit bureau answered ${response.status}`);
    const parsed = ZBureauResponse.safeParse(await response.json().catch(() => null));
    if (!parsed.success) throw new BureauUnavailableError("Credit bureau sent a malformed answer");
    return { score: parsed.data.score, grade: parsed.data.grade, bureauRef: parsed.data.inquiryId };
  }
}
