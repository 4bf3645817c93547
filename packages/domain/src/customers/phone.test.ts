import { describe, expect, it } from "vitest";
import { maskPhone, normalizePhone } from "./phone.js";

describe("phone numbers", () => {
  it.each([
    ["01012345678", "010-1234-5678"],
    ["010-1234-5678", "010-1234-5678"],
    ["010 123 5678", "010-123-5678"],
    ["0212345678", "02-1234-5678"],
  ])("normalizes %s to %s", (input, out) => {
    expect(normalizePhone(input)).toBe(out);
  });

  it.each(["12345", "010-12-5678", "abc", "+82-10-1234-5678"])("rejects %s", (input) => {
    expect(normalizePhone(input)).toBeNull();
  });

  it("masks the middle block in lists", () => {
    expect(maskPhone("010-1234-5678")).toBe("010-****-5678");
    expect(maskPhone("02-123-4567")).toBe("02-***-4567");
  });
});
