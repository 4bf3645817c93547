import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { mockApi } from "../mocks/handlers";
import { renderApp, SLOW } from "../test/render-app";

const runPosts = () =>
  mockApi.requests
    .filter((r) => r.method === "POST" && r.url.pathname === "/api/billing/runs")
    .map((r) => r.body);

describe("billing run panel", () => {
  it("previews a date with dryRun, then runs it for real only after confirming", async () => {
    const user = userEvent.setup({ delay: null });
    renderApp({ as: "finance", route: "#/billing-runs" });
    const panel = await screen.findByTestId("billing-run-panel", undefined, SLOW);
    fireEvent.change(within(panel).getByLabelText("청구일"), { target: { value: "2026-04-05" } });

    await user.click(within(panel).getByRole("button", { name: "미리보기" }));
    await waitFor(() => expect(runPosts()).toEqual([{ date: "2026-04-05", dryRun: true }]), SLOW);
    // The API answers 202 with the run still going; the panel follows the run until it ends.
    expect(await within(panel).findByTestId("job-result", undefined, SLOW)).toHaveTextContent(
      "완료 · 발행 예정 1건 (누락분 0건) · 29,900원",
    );
    expect(
      mockApi.requests.some((r) => r.method === "GET" && /^\/api\/jobs\/\d+$/.test(r.url.pathname)),
    ).toBe(true);
    expect(mockApi.rows.invoices).toHaveLength(3);

    await user.click(within(panel).getByRole("button", { name: "실행" }));
    const dialog = await screen.findByRole("dialog", undefined, SLOW);
    expect(runPosts()).toHaveLength(1);
    await user.click(within(dialog).getByRole("button", { name: "확인" }));
    await waitFor(() => expect(runPosts().at(-1)).toEqual({ date: "2026-04-05", dryRun: false }), SLOW);
    await waitFor(
      () =>
        expect(within(panel).getByTestId("job-result")).toHaveTextContent("발행 1건 (누락분 0건) · 수납 1건"),
      SLOW,
    );
    expect(mockApi.rows.invoices).toHaveLength(4);
    // The list is refreshed with the new run; the preview is kept out of it unless asked for.
    await waitFor(
      () =>
        expect(screen.getAllByRole("row").filter((r) => r.textContent?.includes("2026. 4. 5."))).toHaveLength(
          1,
        ),
      SLOW,
    );
  });

  it("runs collections for the date and shows their summary", async () => {
    const user = userEvent.setup({ delay: null });
    renderApp({ as: "owner", route: "#/billing-runs" });
    const panel = await screen.findByTestId("billing-run-panel", undefined, SLOW);
    fireEvent.change(within(panel).getByLabelText("청구일"), { target: { value: "2026-03-21" } });
    await user.click(within(panel).getByRole("button", { name: "수납(연체) 처리 실행" }));
    await user.click(
      within(await screen.findByRole("dialog", undefined, SLOW)).getByRole("button", { name: "확인" }),
    );
    await waitFor(
      () =>
        expect(
          mockApi.requests.find((r) => r.method === "POST" && r.url.pathname === "/api/billing/dunning")
            ?.body,
        ).toEqual({ date: "2026-03-21" }),
      SLOW,
    );
    expect(await within(panel).findByTestId("billing-run-result", undefined, SLOW)).toHaveTextContent(
      "재시도 1건 · 회수 0건 · 정지 1건",
    );
  });

  it("lists every job run with the failed ones marked, and shows a run's result", async () => {
    renderApp({ as: "finance", route: "#/jobs" });
    const failed = await screen.findByText("수납·연체 처리", undefined, SLOW);
    expect(failed.closest("tr")).toHaveTextContent("실패");
    expect(screen.getByText("정기 청구").closest("tr")).toHaveTextContent("완료");
  });
});
