import { fireEvent, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { mockApi } from "../mocks/handlers";
import { renderApp, SLOW } from "../test/render-app";

const lastFilter = () => mockApi.listFilters("payments").at(-1);

describe("payment list", () => {
  it("sends the chosen status and method as filters", async () => {
    const user = userEvent.setup({ delay: null });
    renderApp({ as: "finance", route: "#/payments" });
    await screen.findByText("잔액 부족", undefined, SLOW);
    await user.click(screen.getByRole("combobox", { name: "상태" }));
    await user.click(await screen.findByRole("option", { name: "실패" }, SLOW));
    await waitFor(() => expect(lastFilter()).toEqual({ status: "failed" }), SLOW);
    await user.click(screen.getByRole("combobox", { name: "수단" }));
    await user.click(await screen.findByRole("option", { name: "결제수단 없음" }, SLOW));
    await waitFor(() => expect(lastFilter()).toEqual({ status: "failed", method: "none" }), SLOW);
    await waitFor(() => expect(screen.queryByText("잔액 부족")).not.toBeInTheDocument(), SLOW);
  });

  it("sends the attempted date range as Seoul calendar days", async () => {
    renderApp({ as: "finance", route: "#/payments" });
    await screen.findByText("잔액 부족", undefined, SLOW);
    fireEvent.change(screen.getByLabelText("시도일(부터)"), { target: { value: "2026-02-01" } });
    fireEvent.change(screen.getByLabelText("시도일(까지)"), { target: { value: "2026-02-04" } });
    await waitFor(
      () => expect(lastFilter()).toEqual({ attemptedFrom: "2026-02-01", attemptedTo: "2026-02-04" }),
      SLOW,
    );
    // Both attempts were made at 06:00 on 5 February in Seoul (21:00 UTC the day before).
    await waitFor(() => expect(screen.queryByText("잔액 부족")).not.toBeInTheDocument(), SLOW);
  });
});
