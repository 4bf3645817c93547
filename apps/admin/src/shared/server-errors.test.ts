import { HttpError } from "react-admin";
import { describe, expect, it } from "vitest";
import { enMessages } from "../i18n/en";
import { koMessages } from "../i18n/ko";
import { translatableError } from "./server-errors";

type Tables = { errors: Record<string, string>; validation: Record<string, string> };
const ko = koMessages.ssp as unknown as Tables;
const en = enMessages.ssp as unknown as Tables;

describe("server errors in the user's language (issue 15)", () => {
  it("turns a known code into its i18n key and each field's zod issue into a translated reason", () => {
    const raw = new HttpError("Some fields are invalid", 400, {
      code: "validation_failed",
      message: "Some fields are invalid",
      errors: { phone: "Invalid string: must match pattern", name: "Too small: expected string" },
      issues: { phone: "invalid_format", name: "too_small" },
    });
    const out = translatableError(raw) as HttpError;
    expect(out.message).toBe("ssp.errors.validation_failed");
    expect(out.status).toBe(400);
    expect((out.body as { errors: Record<string, string> }).errors).toEqual({
      phone: "ssp.validation.invalid_format",
      name: "ssp.validation.too_small",
    });
    expect(ko.validation.invalid_format).toBe("형식이 올바르지 않습니다");
    expect(en.validation.invalid_format).toBe("Invalid format");
  });

  it("keeps the API's own words for a code it has no translation for", () => {
    const raw = new HttpError("이미 서명이 완료된 링크입니다.", 410, { code: "link_used", message: "…" });
    expect(translatableError(raw)).toBe(raw);
    const other = new Error("network");
    expect(translatableError(other)).toBe(other);
  });

  it("has both languages for every error and validation code", () => {
    expect(Object.keys(en.errors).sort()).toEqual(Object.keys(ko.errors).sort());
    expect(Object.keys(en.validation).sort()).toEqual(Object.keys(ko.validation).sort());
  });
});
