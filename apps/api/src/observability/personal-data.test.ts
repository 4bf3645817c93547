import { describe, expect, it } from "vitest";
import { REDACTED, redactPersonalData, safeError, scrubText } from "./personal-data.js";

describe("personal data rules for log lines", () => {
  it.each([
    ["an e-mail", "sent to hong.gildong@example.kr today", "sent to [email] today"],
    ["a phone with dashes", "caller 010-2345-6789", "caller [phone]"],
    ["a phone without separators", "caller 01023456789.", "caller [phone]."],
    ["a landline", "office 02-123-4567", "office [phone]"],
    ["a signing token", `link /sign/${"Ab9_-".repeat(9)}`, "link /sign/[token]"],
    ["a date a job runs for", "billing for 2026-11-23 took 30 ms", "billing for 2026-11-23 took 30 ms"],
    ["a request id", "id 9d7424ea-d1a4-4362-89b6-5080c27f51e6", "id 9d7424ea-d1a4-4362-89b6-5080c27f51e6"],
  ])("masks %s by pattern, wherever it is", (_what, text, expected) => {
    expect(scrubText(text)).toBe(expected);
  });

  it("hides personal fields by name at any depth, and keeps the rest", () => {
    const line = {
      route: "/api/customers/:id",
      status: 500,
      customer: { name: "홍길동", birthDate: "1987-06-05", tags: ["VIP"] },
      rows: [{ Email: "x@y.kr", phone: "010-1111-2222" }],
      settings: { kakao: { clientSecret: "s3cr3t", enabled: true } },
    };
    expect(redactPersonalData(line)).toEqual({
      route: "/api/customers/:id",
      status: 500,
      customer: { name: REDACTED, birthDate: REDACTED, tags: ["VIP"] },
      rows: [{ Email: REDACTED, phone: REDACTED }],
      settings: { kakao: { clientSecret: REDACTED, enabled: true } },
    });
  });

  it("keeps an error's type, code and frames, never its values", () => {
    const pg = Object.assign(new Error('invalid input syntax for type date: "1987-13-05"'), {
      name: "PostgresError",
      severity: "ERROR",
      code: "22008",
      routine: "DateTimeParseError",
      detail: "Key (email)=(x@y.kr) already exists",
      parameters: ["홍길동", "010-2345-6789"],
      query: "insert into customers …",
    });
    const wrapped = new Error(
      "Failed query: insert into customers values ($1, $2)\nparams: 홍길동,010-2345-6789",
      {
        cause: pg,
      },
    );
    const safe = safeError(wrapped);
    expect(safe.message).toBe("Failed query: insert into customers values ($1, $2)");
    expect(safe.cause).toMatchObject({ type: "PostgresError", code: "22008", routine: "DateTimeParseError" });
    expect((safe.cause as { message: string }).message).toBe('invalid input syntax for type date: "…"');
    const text = JSON.stringify(safe);
    for (const personal of ["홍길동", "010-2345-6789", "x@y.kr", "1987-13-05"])
      expect(text).not.toContain(personal);
  });

  it("masks Hangul, dates and long digit runs in the message of an error nobody controls", () => {
    const safe = safeError(new Error("bureau refused 김영희 born 1990-01-02, card 4242424242424242"));
    expect(safe.message).toBe("bureau refused [hangul] born [date], card [digits]");
  });
});
