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
});
