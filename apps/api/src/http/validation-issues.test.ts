import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/test-app.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

describe("validation errors carry zod's issue code per field (issue 15)", () => {
  it("names each bad field with a code the admin translates, writing nothing", async () => {
    const manager = await t.login("manager@demo.kr");
    const refused = await manager
      .post("/api/customers")
      .send({
        name: "",
        birthDate: "1980-13-45",
        phone: 12,
        consents: { privacy: true, creditInquiry: true },
      })
      .expect(400);
    expect(refused.body.code).toBe("validation_failed");
    expect(Object.keys(refused.body.issues).sort()).toEqual(Object.keys(refused.body.errors).sort());
    expect(refused.body.issues.phone).toBe("invalid_type");
    for (const code of Object.values(refused.body.issues))
      expect(code).toMatch(/^(invalid_type|too_small|too_big|invalid_format|invalid_value|custom)$/);
  });
});
