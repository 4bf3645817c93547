import { describe, expect, it } from "vitest";
import { passwordProblem } from "./password-policy.js";

describe("the staff password policy", () => {
  it.each([
    ["aaaaaaaaaa", "Repeated characters are easy to guess"],
    ["          ", "A password cannot be only spaces"],
    ["short1!", "At least 10 characters"],
    ["password123", "This is one of the most common passwords"],
    ["qwertyuiop", "This is one of the hundred most common passwords"],
    ["1q2w3e4r5t", "This is one of the most common passwords"],
    ["iloveyou12", "This is too close to a common password"],
  ])("refuses %j: %s", (password, reason) => {
    expect(passwordProblem(password)).toBe(reason);
  });

  it("refuses a password built from the account's own e-mail", () => {
    expect(passwordProblem("kimminji2026", ["kimminji@demo.kr", "김민지"])).toBeDefined();
  });

  it.each(["Quiet-Harbor-Lamp-42", "correct horse battery", "demo-pass-2026"])("accepts %j", (password) => {
    expect(passwordProblem(password, ["owner@demo.kr"])).toBeUndefined();
  });
});
