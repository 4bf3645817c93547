import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { mockApi } from "../mocks/handlers";
import { renderApp, SLOW } from "../test/render-app";

describe("a technician's installations", () => {
  it("shows 내 설치 일정 in the menu but not orders or contracts", async () => {
    renderApp({ as: "technician" });
    await screen.findByTestId("dashboard-counts", undefined, SLOW);
    await screen.findAllByRole("menuitem", undefined, SLOW);
    const labels = screen.getAllByRole("menuitem").map((m) => m.textContent?.trim());
    expect(labels).toContain("내 설치 일정");
    expect(labels).not.toContain("주문");
    expect(labels).not.toContain("계약");
    expect(labels).not.toContain("신용심사");
  });

  it("records the installation with a typed signature through the order's install action", async () => {
    const user = userEvent.setup({ delay: null });
    renderApp({ as: "technician", route: "#/deliveries" });

    await user.click(await screen.findByRole("link", { name: "설치 확인" }, SLOW));
    await user.click(await screen.findByRole("button", { name: "이름 입력" }, SLOW));
    const confirm = screen.getByRole("button", { name: "설치 완료 확인" });
    expect(confirm).toBeDisabled();
    await user.type(screen.getByRole("textbox", { name: "고객 성명" }), "홍길동");
    await user.click(confirm);

    await waitFor(() => {
      const post = mockApi.requests.find((r) => r.url.pathname === "/api/orders/4/install");
      expect(post?.body).toEqual({
        date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        signature: { kind: "typed", text: "홍길동" },
      });
    }, SLOW);
    expect(mockApi.requests.some((r) => r.method === "PUT")).toBe(false);
  });
});
