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
    expect(await within(panel).findByTestId("billing-run-result", undefined, SLOW)).toHaveTextContent(
      "발행 예정 1건 · 29,900원",
    );
    expect(mockApi.rows.invoices).toHaveLength(3);

    await user.click(within(panel).getByRole("button", { name: "실행" }));
    const dialog = await screen.findByRole("dialog", undefined, SLOW);
    expect(runPosts()).toHaveLength(1);
    await user.click(within(dialog).getByRole("button", { name: "확인" }));
    await waitFor(() => expect(runPosts().at(-1)).toEqual({ date: "2026-04-05", dryRun: false }), SLOW);
    await waitFor(
      () => expect(within(panel).getByTestId("billing-run-result")).toHaveTextContent("발행 1건 · 수납 1건"),
      SLOW,
    );
    expect(mockApi.rows.invoices).toHaveLength(4);
    // The list is refreshed with the two new runs (the preview is recorded too).
    await waitFor(
      () =>
        expect(screen.getAllByRole("row").filter((r) => r.textContent?.includes("2026. 4. 5."))).toHaveLength(
          2,
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
});
