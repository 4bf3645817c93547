import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { mockApi } from "../mocks/handlers";
import { renderApp, SLOW } from "../test/render-app";

describe("the dashboard", () => {
  it("shows finance every money metric: this month, the month before, and twelve months", async () => {
    renderApp({ as: "finance" });
    const mrr = await screen.findByTestId("metric-mrr", undefined, SLOW);
    // Month 12 of the mock series: MRR 12,000,000; the month before 11,000,000.
    expect(within(mrr).getByTestId("metric-mrr-current")).toHaveTextContent("12,000,000원");
    expect(within(mrr).getByTestId("metric-mrr-previous")).toHaveTextContent("전월 11,000,000원");
    expect(screen.getByTestId("metric-collectionRate-current")).toHaveTextContent("90.9%");
    expect(screen.getByTestId("metric-churnRate-current")).toHaveTextContent("0.8%");
    expect(screen.getByTestId("metric-aging-current")).toHaveTextContent("1–30일 120,000원");
    expect(screen.getByText("자산 가동률")).toBeInTheDocument();
    expect(screen.getByText("신용 승인율")).toBeInTheDocument();
  });

  it("shows a manager contracts and the funnel, and no money at all", async () => {
    renderApp({ as: "manager" });
    await screen.findByTestId("metric-activeContracts", undefined, SLOW);
    expect(screen.getByTestId("metric-activeContracts-current")).toHaveTextContent("120건");
    for (const money of ["mrr", "billed", "collected", "collectionRate", "aging"])
      expect(screen.queryByTestId(`metric-${money}`)).not.toBeInTheDocument();
    expect(screen.getByText("처리 대기 신청")).toBeInTheDocument();
  });

  it("shows a technician only their own work", async () => {
    renderApp({ as: "technician" });
    await screen.findByText("내 작업", undefined, SLOW);
    expect(screen.getByText("오늘 방문 1")).toBeInTheDocument();
    expect(screen.queryByTestId("metric-activeContracts")).not.toBeInTheDocument();
  });

  it("asks for the twelve months up to the month picked", async () => {
    renderApp({ as: "owner" });
    await screen.findByTestId("metric-mrr", undefined, SLOW);
    fireEvent.change(screen.getByLabelText("기준 월"), { target: { value: "2026-05" } });
    await waitFor(
      () =>
        expect(
          mockApi.requests.some(
            (r) => r.url.pathname === "/api/metrics/dashboard" && r.url.searchParams.get("to") === "2026-05",
          ),
        ).toBe(true),
      SLOW,
    );
  });
});
