import { ORDER_STATUSES } from "@ssp/domain";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { enMessages } from "../i18n/en";
import { koMessages } from "../i18n/ko";
import { mockApi } from "../mocks/handlers";
import { renderApp, SLOW } from "../test/render-app";

const posted = (path: string) => mockApi.requests.find((r) => r.method === "POST" && r.url.pathname === path);

describe("order actions", () => {
  it("offers a credit check for a received order, posts it and moves on to drafting", async () => {
    const user = userEvent.setup({ delay: null });
    renderApp({ as: "manager", route: "#/orders/1/show" });

    const check = await screen.findByRole("button", { name: "신용조회" }, SLOW);
    expect(screen.queryByRole("button", { name: "계약서 작성" })).not.toBeInTheDocument();
    await user.click(check);

    await waitFor(() => expect(posted("/api/orders/1/credit-check")).toBeDefined(), SLOW);
    expect(await screen.findByText(/신용조회 완료: 742점, 3등급/, undefined, SLOW)).toBeInTheDocument();
    // The refreshed order is approved: drafting is offered, the check no longer is.
    expect(await screen.findByRole("button", { name: "계약서 작성" }, SLOW)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "신용조회" })).not.toBeInTheDocument();
  });

  it("says in Korean that the customer has not consented to a credit inquiry", async () => {
    const user = userEvent.setup({ delay: null });
    const order = mockApi.rows.orders?.find((o) => o.id === 1);
    if (order) order.customerId = 2; // 김영희 has no credit-inquiry consent
    renderApp({ as: "manager", route: "#/orders/1/show" });

    await user.click(await screen.findByRole("button", { name: "신용조회" }, SLOW));
    expect(
      await screen.findByText("고객이 신용조회에 동의하지 않았습니다", undefined, SLOW),
    ).toBeInTheDocument();
  });

  it("approves an order in review only with a reason, and posts that reason", async () => {
    const user = userEvent.setup({ delay: null });
    renderApp({ as: "manager", route: "#/orders/2/show" });

    await user.click(await screen.findByRole("button", { name: "승인" }, SLOW));
    const dialog = await screen.findByRole("dialog", undefined, SLOW);
    const confirm = within(dialog).getByRole("button", { name: "승인" });
    expect(confirm).toBeDisabled();
    expect(within(dialog).getByText("사유를 입력하세요")).toBeInTheDocument();

    await user.type(within(dialog).getByRole("textbox", { name: /사유/ }), "재직 확인 완료");
    expect(confirm).toBeEnabled();
    await user.click(confirm);

    await waitFor(
      () => expect(posted("/api/orders/2/approve")?.body).toEqual({ reason: "재직 확인 완료" }),
      SLOW,
    );
    expect(posted("/api/orders/2/decline")).toBeUndefined();
    // The timeline shows the decision with its note, after the earlier events (the closed
    // dialog no longer hides the page from the accessibility tree).
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument(), SLOW);
    await waitFor(() => {
      const rows = within(screen.getByTestId("order-timeline")).getAllByRole("row");
      expect(rows.at(-1)).toHaveTextContent("심사중 → 승인");
      expect(rows.at(-1)).toHaveTextContent("재직 확인 완료");
      // Who decided, by name (a manager cannot read users; the API names them).
      expect(rows.at(-1)).toHaveTextContent("이매니저");
    }, SLOW);
  });

  it("gives a read-only role the order without any action", async () => {
    renderApp({ as: "finance", route: "#/orders/1/show" });
    expect(await screen.findByText("서울특별시 중구 세종대로 110", undefined, SLOW)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "신용조회" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "주문 취소" })).not.toBeInTheDocument();
  });
});

describe("order list", () => {
  it("has a tab for every order status, declined and cancelled included", async () => {
    const user = userEvent.setup({ delay: null });
    renderApp({ as: "manager", route: "#/orders" });
    await screen.findByText("김영희", undefined, SLOW);
    expect(screen.getAllByRole("tab").map((tab) => tab.textContent)).toEqual([
      "전체",
      "접수",
      "심사중",
      "승인",
      "거절",
      "계약발송",
      "서명완료",
      "설치대기",
      "설치완료",
      "취소",
    ]);

    await user.click(screen.getByRole("tab", { name: "거절" }));
    await waitFor(
      () => expect(mockApi.listFilters("orders")).toContainEqual({ status: "credit_declined" }),
      SLOW,
    );
    await user.click(screen.getByRole("tab", { name: "취소" }));
    await waitFor(() => expect(mockApi.listFilters("orders")).toContainEqual({ status: "cancelled" }), SLOW);
  });

  it("labels every order status tab in Korean and English", () => {
    const labels = (messages: typeof koMessages) =>
      (messages.ssp as { orderStatus: Record<string, string> }).orderStatus;
    for (const status of ORDER_STATUSES) {
      expect(labels(koMessages)[status], status).toMatch(/\S/);
      expect(labels(enMessages)[status], status).toMatch(/\S/);
    }
    expect(labels(enMessages).credit_declined).toBe("Declined");
    expect(labels(enMessages).cancelled).toBe("Cancelled");
  });

  it("filters by status with the tabs", async () => {
    const user = userEvent.setup({ delay: null });
    renderApp({ as: "manager", route: "#/orders" });
    await screen.findByText("김영희", undefined, SLOW);
    expect(screen.getAllByText("홍길동").length).toBeGreaterThan(0);

    await user.click(screen.getByRole("tab", { name: "심사중" }));

    await waitFor(
      () => expect(mockApi.listFilters("orders")).toContainEqual({ status: "credit_review" }),
      SLOW,
    );
    await waitFor(() => expect(screen.queryByText("홍길동")).not.toBeInTheDocument(), SLOW);
    expect(screen.getByText("김영희")).toBeInTheDocument();

    await user.click(screen.getByRole("tab", { name: "전체" }));
    expect(await screen.findAllByText("홍길동", undefined, SLOW)).not.toHaveLength(0);
  });
});
