import { describe, expect, it } from "vitest";
import { i18nProvider } from "../i18n/i18nProvider";
import { auditActionLabel } from "./audit-action";

const translate = (key: string, options?: Record<string, unknown>) => i18nProvider.translate(key, options);

describe("audit actions in words (issue 15)", () => {
  it("names a lifecycle move by the entity's status words", () => {
    expect(auditActionLabel(translate, { entity: "orders", action: "status:credit_approved" })).toBe(
      `상태 변경: ${translate("ssp.orderStatus.credit_approved")}`,
    );
  });

  it("names the customer's steps, joined parts and plain actions", () => {
    expect(auditActionLabel(translate, { entity: "contracts", action: "customer:signed" })).toBe(
      "고객: 서명",
    );
    expect(auditActionLabel(translate, { entity: "users", action: "update+password" })).toBe(
      "수정, 비밀번호 변경",
    );
    expect(auditActionLabel(translate, { entity: "users", action: "two_factor_enabled" })).toBe(
      "2단계 인증 켬",
    );
  });

  it("has words for every action the API writes: relocation, name transfer, refusals, comments", () => {
    expect(auditActionLabel(translate, { entity: "contracts", action: "relocate" })).toBe("설치 주소 이전");
    expect(auditActionLabel(translate, { entity: "contracts", action: "name_transfer" })).toBe("명의변경");
    expect(
      auditActionLabel(translate, { entity: "customers", action: "customer:unsubscribe_marketing" }),
    ).toBe("고객: 광고 수신거부");
    expect(auditActionLabel(translate, { entity: "tickets", action: "comment:note" })).toBe(
      `댓글: ${translate("ssp.tickets.entryKind.note")}`,
    );
  });

  it("keeps an action it has no words for as written", () => {
    expect(auditActionLabel(translate, { entity: "plans", action: "something_new" })).toBe("something_new");
  });
});
