import { describe, expect, it } from "vitest";
import { normalizeBusinessNumber, normalizeServicePhone } from "./business-number.js";

describe("normalizeBusinessNumber", () => {
  it("accepts numbers whose check digit is right, with or without dashes", () => {
    // 국세청 (National Tax Service) and a few well-known registrations.
    expect(normalizeBusinessNumber("1248100998")).toBe("124-81-00998");
    expect(normalizeBusinessNumber("220-81-62517")).toBe("220-81-62517");
  });
  it("refuses a wrong check digit, wrong length and letters", () => {
    expect(normalizeBusinessNumber("1248100997")).toBeNull();
    expect(normalizeBusinessNumber("124810099")).toBeNull();
    expect(normalizeBusinessNumber("12481009981")).toBeNull();
    expect(normalizeBusinessNumber("12a8100998")).toBeNull();
    expect(normalizeBusinessNumber("")).toBeNull();
  });
  it("counts the tens of the ninth digit × 5", () => {
    // Ninth digit 9: 9×5 = 45 adds 4 on top of the weighted sum.
    const nine = "123456789";
    const d = [...nine].map(Number);
    const w = [1, 3, 7, 1, 3, 7, 1, 3, 5];
    const sum = d.reduce((s, x, i) => s + x * w[i]!, 0) + Math.floor((d[8]! * 5) / 10);
    const check = (10 - (sum % 10)) % 10;
    expect(normalizeBusinessNumber(`${nine}${check}`)).toBe(`123-45-6789${check}`);
    expect(normalizeBusinessNumber(`${nine}${(check + 1) % 10}`)).toBeNull();
  });
});

describe("normalizeServicePhone", () => {
  it("accepts representative numbers and phone numbers", () => {
    expect(normalizeServicePhone("15881234")).toBe("1588-1234");
    expect(normalizeServicePhone("1644-0000")).toBe("1644-0000");
    expect(normalizeServicePhone("02-123-4567")).toBe("02-123-4567");
    expect(normalizeServicePhone("080 123 4567")).toBe("080-123-4567");
  });
  it("refuses the rest", () => {
    expect(normalizeServicePhone("1234")).toBeNull();
    expect(normalizeServicePhone("1988-1234")).toBeNull();
  });
});
