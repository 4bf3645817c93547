import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { API_ERROR_CODES } from "@ssp/domain";
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

  it("says a rule's field message in words by code and field, and keeps a figure it has no words for", () => {
    const visit = translatableError(
      new HttpError("Choose one of your technicians", 422, {
        code: "business_rule",
        message: "Choose one of your technicians",
        errors: { technicianId: "Choose one of your technicians" },
      }),
    ) as HttpError;
    expect((visit.body as { errors: Record<string, string> }).errors).toEqual({
      technicianId: "ssp.fieldErrors.business_rule.technicianId",
    });
    const refund = translatableError(
      new HttpError("At most 1000 won is owed", 409, {
        code: "amount_exceeds_balance",
        message: "At most 1000 won is owed",
        errors: { amount: "At most 1,000원" },
      }),
    ) as HttpError;
    expect(refund.message).toBe("ssp.errors.amount_exceeds_balance");
    expect((refund.body as { errors: Record<string, string> }).errors).toEqual({ amount: "At most 1,000원" });
  });

  it("keeps the API's own words for a code it has no translation for", () => {
    const raw = new HttpError("Something new", 409, { code: "some_future_code", message: "Something new" });
    expect(translatableError(raw)).toBe(raw);
    const other = new Error("network");
    expect(translatableError(other)).toBe(other);
  });

  it("has both languages for every error and validation code", () => {
    expect(Object.keys(en.errors).sort()).toEqual(Object.keys(ko.errors).sort());
    expect(Object.keys(en.validation).sort()).toEqual(Object.keys(ko.validation).sort());
  });

  it("has Korean and English words for every code the API can answer with", () => {
    expect(API_ERROR_CODES.filter((code) => !ko.errors[code])).toEqual([]);
    expect(API_ERROR_CODES.filter((code) => !en.errors[code])).toEqual([]);
  });

  it("lists every error code written in the API's sources (AppError, conflict, a JSON body)", () => {
    // AppError's type already holds its codes to the list; this catches hand-written bodies.
    const root = join(__dirname, "../../../api/src");
    const files = (readdirSync(root, { recursive: true }) as string[]).filter(
      (f) => f.endsWith(".ts") && !f.endsWith(".test.ts"),
    );
    const written = new Set<string>();
    const pattern = /(?:new AppError\(\s*\d+,\s*|conflict\(\s*|(?:json\(|body:)\s*\{\s*code:\s*)"([a-z_]+)"/g;
    for (const file of files)
      for (const match of readFileSync(join(root, file), "utf8").matchAll(pattern))
        written.add(match[1] ?? "");
    expect(written.size).toBeGreaterThan(40);
    const listed = new Set<string>(API_ERROR_CODES);
    expect([...written].filter((code) => !listed.has(code))).toEqual([]);
  });

  it("has the msw mocks answer only with codes the API has", () => {
    const root = join(__dirname, "../mocks");
    const mocked = new Set<string>();
    for (const file of readdirSync(root).filter((f) => f.endsWith(".ts")))
      for (const match of readFileSync(join(root, file), "utf8").matchAll(/\berror\(\s*\d+,\s*"([a-z_]+)"/g))
        mocked.add(match[1] ?? "");
    expect(mocked.size).toBeGreaterThan(5);
    const listed = new Set<string>(API_ERROR_CODES);
    expect([...mocked].filter((code) => !listed.has(code))).toEqual([]);
  });
});
