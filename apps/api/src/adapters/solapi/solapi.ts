import { createHmac, randomBytes } from "node:crypto";
import { z } from "zod";

/**
 * Solapi's messaging API v4 (docs.solapi.com): alimtalk (type ATA, the Kakao channel's `pfId`
 * and the approved template's `templateId` with its `#{variable}` values), SMS and LMS.
 *
 * - Authentication: `Authorization: HMAC-SHA256 apiKey=<key>, date=<ISO 8601>, salt=<random>,
 *   signature=<hex HMAC-SHA256 of date+salt keyed with the API secret>`.
 * - `POST /messages/v4/send-many/detail` with `{ messages: [...] }` answers
 *   `{ groupInfo, messageList: [{ messageId, statusCode, statusMessage, customFields }],
 *   failedMessageList: [{ to, type, statusCode, statusMessage, customFields }] }`; a request the
 *   vendor refuses as a whole answers 4xx/5xx with `{ errorCode, errorMessage }`.
 *
 * Our own fallback is used (kakaoOptions.disableSms = true) so that each attempt, and the switch
 * from alimtalk to SMS/LMS, is logged by us with the vendor's answer.
 */
export const SOLAPI_BASE_URL = "https://api.solapi.com";

/** At most this many messages per send-many request (the vendor's documented limit is 10,000). */
export const SOLAPI_BATCH = 500;

export type TextKind = "alimtalk" | "sms" | "lms";

export interface TextMessage {
  /** Our reference (the outbox id), echoed back by the vendor in customFields. */
  ref: string;
  to: string;
  kind: TextKind;
  text: string;
  /** LMS only. */
  subject?: string;
  alimtalk?: { pfId: string; templateId: string; variables: Record<string, string> };
}

/**
 * sent: accepted. retry: try again later (the vendor or network is unwell). fallback: alimtalk
 * cannot reach this recipient (no KakaoTalk, template refused): send it as SMS/LMS instead.
 * permanent: will never succeed (bad number, bad credentials).
 */
export type TextOutcome = "sent" | "retry" | "fallback" | "permanent";

export interface TextResult {
  ref: string;
  outcome: TextOutcome;
  code: string;
  message: string;
  vendorMessageId?: string;
}

export interface TextSender {
  sendMany(input: {
    apiKey: string;
    apiSecret: string;
    from: string;
    messages: TextMessage[];
  }): Promise<TextResult[]>;
}

const ZMessageEntry = z.object({
  messageId: z.string().optional(),
  statusCode: z.string(),
  statusMessage: z.string().optional().default(""),
  customFields: z.record(z.string(), z.string()).optional(),
});
const ZSendManyResponse = z.object({
  messageList: z.array(ZMessageEntry).optional().default([]),
  failedMessageList: z.array(ZMessageEntry).optional().default([]),
});
const ZErrorResponse = z.object({ errorCode: z.string(), errorMessage: z.string().optional().default("") });

/** The vendor's whole-request errors that a later attempt can get past (rate limit, balance). */
const RETRYABLE_ERROR_CODES = new Set(["TooManyRequests", "NotEnoughBalance", "InternalError"]);

/** Status codes of an accepted message: 2000 accepted, 3000 handed to the carrier, 4000 received. */
const ACCEPTED = /^[234]000$/;

/**
 * A message the vendor did not accept. 1xxx codes are request errors (bad number, bad sender):
 * permanent. Anything else for an alimtalk means Kakao could not deliver it (no KakaoTalk, not a
 * channel user, template mismatch): send it as SMS/LMS. Anything else for SMS/LMS: retry.
 */
export function classifyMessageStatus(kind: TextKind, statusCode: string): TextOutcome {
  if (ACCEPTED.test(statusCode)) return "sent";
  if (statusCode.startsWith("1")) return "permanent";
  return kind === "alimtalk" ? "fallback" : "retry";
}

/** A whole-request answer that was not 2xx. */
export function classifyHttpError(status: number, errorCode: string | undefined): TextOutcome {
  if (status === 429 || status >= 500) return "retry";
  if (errorCode && RETRYABLE_ERROR_CODES.has(errorCode)) return "retry";
  return "permanent";
}

export function solapiAuthorization(input: {
  apiKey: string;
  apiSecret: string;
  date: string;
  salt: string;
}): string {
  const signature = createHmac("sha256", input.apiSecret)
    .update(input.date + input.salt)
    .digest("hex");
  return `HMAC-SHA256 apiKey=${input.apiKey}, date=${input.date}, salt=${input.salt}, signature=${signature}`;
}

/** SMS holds 90 bytes (Korean counts 2, as the carriers encode it in EUC-KR); longer is LMS. */
export function smsBytes(text: string): number {
  let bytes = 0;
  for (const ch of text) bytes += ch.charCodeAt(0) < 0x80 ? 1 : 2;
  return bytes;
}
export const textKindFor = (text: string): "sms" | "lms" => (smsBytes(text) <= 90 ? "sms" : "lms");

const SOLAPI_TYPE: Record<TextKind, string> = { alimtalk: "ATA", sms: "SMS", lms: "LMS" };

export class SolapiClient implements TextSender {
  constructor(private readonly options: { baseUrl?: string; timeoutMs?: number } = {}) {}

  async sendMany(input: {
    apiKey: string;
    apiSecret: string;
    from: string;
    messages: TextMessage[];
  }): Promise<TextResult[]> {
    const all = (outcome: TextOutcome, code: string, message: string) =>
      input.messages.map((m) => ({ ref: m.ref, outcome, code, message }));
    const body = {
      messages: input.messages.map((m) => ({
        to: m.to.replace(/\D/g, ""),
        from: input.from.replace(/\D/g, ""),
        type: SOLAPI_TYPE[m.kind],
        text: m.text,
        ...(m.kind === "lms" && m.subject ? { subject: m.subject.slice(0, 40) } : {}),
        ...(m.alimtalk
          ? {
              kakaoOptions: {
                pfId: m.alimtalk.pfId,
                templateId: m.alimtalk.templateId,
                variables: Object.fromEntries(
                  Object.entries(m.alimtalk.variables).map(([k, v]) => [`#{${k}}`, v]),
                ),
                disableSms: true,
              },
            }
          : {}),
        customFields: { ref: m.ref },
      })),
    };
    let response: Response;
    try {
      response = await fetch(
        new URL("/messages/v4/send-many/detail", this.options.baseUrl ?? SOLAPI_BASE_URL),
        {
          method: "POST",
          headers: {
            authorization: solapiAuthorization({
              apiKey: input.apiKey,
              apiSecret: input.apiSecret,
              date: new Date().toISOString(),
              salt: randomBytes(16).toString("hex"),
            }),
            "content-type": "application/json; charset=utf-8",
          },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
        },
      );
    } catch (error) {
      return all("retry", "network", `Solapi unreachable: ${(error as Error).name}`);
    }
    const json = await response.json().catch(() => null);
    if (!response.ok) {
      const error = ZErrorResponse.safeParse(json);
      const code = error.success ? error.data.errorCode : `http_${response.status}`;
      const message = error.success ? error.data.errorMessage : `Solapi answered ${response.status}`;
      return all(
        classifyHttpError(response.status, error.success ? error.data.errorCode : undefined),
        code,
        message,
      );
    }
    const parsed = ZSendManyResponse.safeParse(json);
    if (!parsed.success) return all("retry", "malformed", "Solapi sent a malformed answer");
    const byRef = new Map<string, z.infer<typeof ZMessageEntry>>();
    for (const entry of [...parsed.data.messageList, ...parsed.data.failedMessageList]) {
      const ref = entry.customFields?.ref;
      if (ref) byRef.set(ref, entry);
    }
    return input.messages.map((m) => {
      const entry = byRef.get(m.ref);
      if (!entry) return { ref: m.ref, outcome: "retry", code: "missing", message: "Not in Solapi's answer" };
      return {
        ref: m.ref,
        outcome: classifyMessageStatus(m.kind, entry.statusCode),
        code: entry.statusCode,
        message: entry.statusMessage.slice(0, 200),
        vendorMessageId: entry.messageId,
      };
    });
  }
}
