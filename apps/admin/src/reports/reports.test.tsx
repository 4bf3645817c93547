import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { mockApi } from "../mocks/handlers";
import { renderApp, SLOW } from "../test/render-app";

// jsdom has no object URLs; the download itself is the browser's business.
URL.createObjectURL = vi.fn(() => "blob:report");
URL.revokeObjectURL = vi.fn();

describe("the Reports page", () => {
  it("downloads the chosen report for the chosen period and filter", async () => {
    renderApp({ as: "finance", route: "#/reports" });
    await screen.findByText("기간: 발행일 기준", undefined, SLOW);
    await userEvent.click(screen.getByLabelText("상태"));
    await userEvent.click(await screen.findByRole("option", { name: "미납" }));
    await userEvent.click(screen.getByRole("button", { name: "XLSX 받기" }));
    await screen.findByText("받기 완료: 청구 내역.csv", undefined, SLOW);
    expect(mockApi.lastReport).toMatchObject({
      file: "billing-register.xlsx",
      query: { filter: '{"status":"open"}', lang: "ko" },
    });
  });

  it("shows the API's message when the period is refused", async () => {
    renderApp({ as: "owner", route: "#/reports" });
    await screen.findByText("기간: 발행일 기준", undefined, SLOW);
    const to = screen.getByLabelText("종료일");
    await userEvent.clear(to);
    await userEvent.type(to, "2000-01-01");
    await userEvent.click(screen.getByRole("button", { name: "CSV 받기" }));
    await screen.findByText(/The period ends before it starts/, undefined, SLOW);
  });

  it("lets the owner, and only the owner, take all of the data as one ZIP", async () => {
    renderApp({ as: "owner", route: "#/reports" });
    await userEvent.click(await screen.findByRole("button", { name: "전체 데이터 ZIP 받기" }, SLOW));
    await screen.findByText("받기 완료: ssp-demo.zip", undefined, SLOW);
    expect(mockApi.lastReport?.file).toBe("data-export.zip");
  });

  it("shows finance no data take-out", async () => {
    renderApp({ as: "finance", route: "#/reports" });
    await screen.findByText("기간: 발행일 기준", undefined, SLOW);
    expect(screen.queryByRole("button", { name: "전체 데이터 ZIP 받기" })).not.toBeInTheDocument();
  });

  it("is not in the menu of a manager", async () => {
    renderApp({ as: "manager" });
    await screen.findByTestId("dashboard-counts", undefined, SLOW);
    const labels = (await screen.findAllByRole("menuitem", undefined, SLOW)).map((m) =>
      m.textContent?.trim(),
    );
    expect(labels).not.toContain("보고서");
  });
});

describe("the invoice list's export", () => {
  it("exports exactly the list's current filter through the billing register", async () => {
    renderApp({ as: "finance", route: "#/invoices" });
    await userEvent.click(await screen.findByRole("tab", { name: "연체" }, SLOW));
    await userEvent.click(await screen.findByTestId("report-export", undefined, SLOW));
    await userEvent.click(await screen.findByRole("menuitem", { name: "CSV로 내보내기" }));
    await waitFor(() => expect(mockApi.lastReport?.file).toBe("billing-register.csv"), SLOW);
    expect(JSON.parse(mockApi.lastReport!.query.filter!)).toEqual({ overdue: true });
  });
});
