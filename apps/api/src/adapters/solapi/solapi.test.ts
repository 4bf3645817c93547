import { createHmac } from "node:crypto";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { classifyMessageStatus, SolapiClient, smsBytes, textKindFor } from "./solapi.js";

// Shapes from docs.solapi.com (api-reference/messages/sendManyDetail, authentication/overview):
// `Authorization: HMAC-SHA256 apiKey=…, date=…, salt=…, signature=hex(HMAC-SHA256(secret, date+salt))`.
const BASE = "https://api.solapi.com";
const KEY = "NCSTESTKEY0000001";
const SECRET = "TESTSECRET0000000000000000000001";
const server = setupServer();
let seen: { auth: string; body: { messages: Record<string, unknown>[] } }[] = [];
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  seen = [];
});
afterAll(() => server.close());

function answer(status: (m: Record<string, unknown>) => string) {
  server.use(
    http.post(`${BASE}/messages/v4/send-many/detail`, async ({ request }) => {
      const body = (await request.json()) as { messages: Record<string, unknown>[] };
      seen.push({ auth: request.headers.get("authorization") ?? "", body });
      const list = body.messages.map((m, i) => ({
        messageId: `M4V2026120500000${i}`,
        statusCode: status(m),
        statusMessage: status(m) === "2000" ? "정상 접수(이통사로 접수 예정) " : "발송 실패",
        customFields: m.customFields,
        to: m.to,
        type: m.type,
      }));
      return HttpResponse.json({
        groupInfo: { groupId: "G4V20261205", count: { total: list.length } },
        messageList: list.filter((m) => m.statusCode === "2000"),
        failedMessageList: list.filter((m) => m.statusCode !== "2000"),
      });
    }),
  );
}

const client = () => new SolapiClient({ timeoutMs: 500 });
const account = { apiKey: KEY, apiSecret: SECRET, from: "02-1234-5678" };

describe("SolapiClient", () => {
  it("signs with HMAC-SHA256 over date+salt and sends alimtalk with pfId, templateId and #{variables}", async () => {
    answer(() => "2000");
    const [result] = await client().sendMany({
      ...account,
      messages: [
        {
          ref: "41",
          to: "010-1234-5678",
          kind: "alimtalk",
          text: "홍길동 고객님",
          alimtalk: { pfId: "KA01PF0001", templateId: "KA01TP0001", variables: { customer: "홍길동" } },
        },
      ],
    });
    expect(result).toMatchObject({
      ref: "41",
      outcome: "sent",
      code: "2000",
      vendorMessageId: "M4V20261205000000",
    });
    const { auth, body } = seen[0]!;
    const m = /^HMAC-SHA256 apiKey=(\S+), date=(\S+), salt=(\S+), signature=([0-9a-f]{64})$/.exec(auth);
    expect(m?.[1]).toBe(KEY);
    expect(m?.[4]).toBe(
      createHmac("sha256", SECRET)
        .update(m![2]! + m![3]!)
        .digest("hex"),
    );
    expect(body.messages[0]).toEqual({
      to: "01012345678",
      from: "0212345678",
      type: "ATA",
      text: "홍길동 고객님",
      kakaoOptions: {
        pfId: "KA01PF0001",
        templateId: "KA01TP0001",
        variables: { "#{customer}": "홍길동" },
        disableSms: true,
      },
      customFields: { ref: "41" },
    });
  });

  it("maps per-message codes: 1xxx permanent, Kakao failures to SMS fallback, SMS failures to retry", async () => {
    answer((m) => (m.to === "01000000000" ? "1062" : m.type === "ATA" ? "3104" : "3059"));
    const results = await client().sendMany({
      ...account,
      messages: [
        { ref: "1", to: "010-0000-0000", kind: "sms", text: "a" },
        {
          ref: "2",
          to: "010-1111-2222",
          kind: "alimtalk",
          text: "b",
          alimtalk: { pfId: "p", templateId: "t", variables: {} },
        },
        { ref: "3", to: "010-1111-3333", kind: "sms", text: "c" },
      ],
    });
    expect(results.map((r) => [r.ref, r.outcome, r.code])).toEqual([
      ["1", "permanent", "1062"],
      ["2", "fallback", "3104"],
      ["3", "retry", "3059"],
    ]);
  });

  it("maps whole-request errors: 401 bad key permanent, 429 and 5xx retry, network retry", async () => {
    const send = () =>
      client().sendMany({ ...account, messages: [{ ref: "9", to: "01012345678", kind: "sms", text: "x" }] });
    server.use(
      http.post(`${BASE}/messages/v4/send-many/detail`, () =>
        HttpResponse.json(
          { errorCode: "InvalidApiKey", errorMessage: "유효하지 않은 API Key" },
          { status: 401 },
        ),
      ),
    );
    expect((await send())[0]).toMatchObject({ outcome: "permanent", code: "InvalidApiKey" });
    server.use(
      http.post(`${BASE}/messages/v4/send-many/detail`, () =>
        HttpResponse.json({ errorCode: "TooManyRequests", errorMessage: "slow down" }, { status: 429 }),
      ),
    );
    expect((await send())[0]).toMatchObject({ outcome: "retry", code: "TooManyRequests" });
    server.use(
      http.post(`${BASE}/messages/v4/send-many/detail`, () => new HttpResponse("oops", { status: 503 })),
    );
    expect((await send())[0]).toMatchObject({ outcome: "retry", code: "http_503" });
    server.use(http.post(`${BASE}/messages/v4/send-many/detail`, () => HttpResponse.error()));
    expect((await send())[0]).toMatchObject({ outcome: "retry", code: "network" });
  });

  it("sends SMS up to 90 bytes (Korean counts two) and LMS beyond, with a subject", async () => {
    expect(smsBytes("인증번호 123456")).toBe(15);
    expect(textKindFor("가".repeat(45))).toBe("sms");
    expect(textKindFor("가".repeat(46))).toBe("lms");
    answer(() => "2000");
    await client().sendMany({
      ...account,
      messages: [
        { ref: "5", to: "01012345678", kind: "lms", text: "가".repeat(46), subject: "[데모렌탈] 안내" },
      ],
    });
    expect(seen[0]!.body.messages[0]).toMatchObject({ type: "LMS", subject: "[데모렌탈] 안내" });
    expect(classifyMessageStatus("sms", "4000")).toBe("sent");
  });
});
