import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderApp, SLOW } from "../test/render-app";

describe("sent messages", () => {
  it("shows the Korean body with its line breaks", async () => {
    renderApp({ as: "cs", route: "#/notifications/1/show" });
    const body = await screen.findByText(/데모렌탈 렌탈 계약서가 도착했습니다/, undefined, SLOW);
    expect(body.textContent).toContain("홍길동 고객님,\n데모렌탈");
    expect(body).toHaveStyle({ whiteSpace: "pre-wrap" });
  });

  it("lists the delivery attempts: the alimtalk that fell back, then the LMS", async () => {
    renderApp({ as: "cs", route: "#/notifications/1/show" });
    const table = await screen.findByRole("table", { name: "발송 시도" }, SLOW);
    expect(table.textContent).toContain("대체 발송(SMS)");
    expect(table.textContent).toContain("3104 카카오톡 미사용자");
    expect(table.textContent).toContain("LMS");
    expect(await screen.findByRole("button", { name: "다시 보내기" })).toBeTruthy();
  });
});
