import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { mockApi } from "../mocks/handlers";
import { renderApp, SLOW } from "../test/render-app";

describe("credit review queue", () => {
  it("lists the pending checks and declines the order with a reason", async () => {
    const user = userEvent.setup({ delay: null });
    renderApp({ as: "manager", route: "#/credit-checks" });

    await user.click(await screen.findByRole("button", { name: "거절" }, SLOW));
    expect(mockApi.listFilters("credit-checks")).toContainEqual({ pending: true });
    const dialog = await screen.findByRole("dialog", undefined, SLOW);
    await user.type(within(dialog).getByRole("textbox", { name: /사유/ }), "소득 확인 불가");
    await user.click(within(dialog).getByRole("button", { name: "거절" }));

    await waitFor(() => {
      const post = mockApi.requests.find((r) => r.url.pathname === "/api/orders/2/decline");
      expect(post?.body).toEqual({ reason: "소득 확인 불가" });
    }, SLOW);
    // Decided, it leaves the queue (once the dialog no longer hides the page).
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument(), SLOW);
    await waitFor(() => expect(screen.queryByText("김영희")).not.toBeInTheDocument(), SLOW);
    await waitFor(() => expect(screen.queryByRole("button", { name: "거절" })).not.toBeInTheDocument(), SLOW);
  });
});
