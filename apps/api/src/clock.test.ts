import { describe, expect, it } from "vitest";
import { fixedClock, seoulDate } from "./clock.js";

describe("the clock", () => {
  it("reads business dates in Asia/Seoul, not UTC", () => {
    expect(seoulDate(new Date("2026-11-23T14:59:59Z"))).toBe("2026-11-23");
    expect(seoulDate(new Date("2026-11-23T15:00:00Z"))).toBe("2026-11-24");
  });

  it("pins a bare date to 09:00 Seoul and can be moved by tests", () => {
    const clock = fixedClock("2026-02-28");
    expect(clock.now().toISOString()).toBe("2026-02-28T00:00:00.000Z");
    expect(clock.today()).toBe("2026-02-28");
    clock.set("2026-03-01T00:30:00+09:00");
    expect(clock.today()).toBe("2026-03-01");
    expect(clock.now().toISOString()).toBe("2026-02-28T15:30:00.000Z");
  });
});
