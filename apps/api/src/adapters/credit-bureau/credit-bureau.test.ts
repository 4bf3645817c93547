import { delay, HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { BureauUnavailableError, gradeOf } from "./credit-bureau.js";
import { HttpBureau } from "./http-bureau.js";
import { SandboxBureau } from "./sandbox-bureau.js";

const inquiry = {
  requestId: "req-1",
  name: "김민준",
  birthDate: "1985-04-12",
  phone: "010-1234-5678",
  consentedAt: "2026-03-01T00:00:00Z",
};

describe("sandbox bureau", () => {
  it("is deterministic and honours the documented magic birth dates", async () => {
    const bureau = new SandboxBureau();
    const a = await bureau.inquire(inquiry);
    expect(await bureau.inquire({ ...inquiry, requestId: "other" })).toEqual(a);
    expect(a.score).toBeGreaterThanOrEqual(550);
    expect((await bureau.inquire({ ...inquiry, birthDate: "1900-01-01" })).score).toBe(350);
    expect((await bureau.inquire({ ...inquiry, birthDate: "1900-01-02" })).score).toBe(650);
  });

  it("grades 900+ as 1 and below 200 as 10", () => {
    expect([1000, 900, 899, 650, 350, 199, 1].map(gradeOf)).toEqual([1, 1, 2, 4, 7, 9, 10]);
  });
});

describe("HTTP bureau adapter", () => {
  const received: { auth: string | null; idem: string | null; body: unknown }[] = [];
  let mode: "ok" | "500" | "malformed" | "slow" = "ok";
  const server = setupServer(
    http.post("https://bureau.test/v1/credit-inquiries", async ({ request }) => {
      received.push({
        auth: request.headers.get("authorization"),
        idem: request.headers.get("idempotency-key"),
        body: await request.json(),
      });
      if (mode === "500") return HttpResponse.json({ error: "internal" }, { status: 500 });
      if (mode === "malformed") return HttpResponse.json({ score: "high" });
      if (mode === "slow") await delay(500);
      return HttpResponse.json({ inquiryId: "INQ-77", score: 812, grade: 2 });
    }),
  );
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => {
    received.length = 0;
    mode = "ok";
  });
  afterAll(() => server.close());
  const bureau = new HttpBureau({ baseUrl: "https://bureau.test", apiKey: "secret-key", timeoutMs: 200 });

  it("sends the inquiry with the key and an idempotency key, and reads the report", async () => {
    expect(await bureau.inquire(inquiry)).toEqual({ score: 812, grade: 2, bureauRef: "INQ-77" });
    expect(received[0]).toEqual({ auth: "Bearer secret-key", idem: "req-1", body: inquiry });
  });

  it.each(["500", "malformed", "slow"] as const)(
    "turns a %s answer into BureauUnavailableError",
    async (m) => {
      mode = m;
      await expect(bureau.inquire(inquiry)).rejects.toBeInstanceOf(BureauUnavailableError);
    },
  );
});
