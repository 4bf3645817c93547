import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { mockApi } from "../mocks/handlers";
import { renderApp, SLOW } from "../test/render-app";

describe("asset status changes", () => {
  it("offers only the staff steps from the current status and posts the chosen one", async () => {
    const user = userEvent.setup({ delay: null });
    renderApp({ as: "manager", route: "#/assets/1/show" });

    // installed → returned | lost by hand; transferred happens only through a contract.
    const returned = await screen.findByRole("button", { name: "상태 변경: 회수" }, SLOW);
    expect(screen.getByRole("button", { name: "상태 변경: 분실" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "상태 변경: 소유권 이전" })).not.toBeInTheDocument();

    await user.click(returned);
    const dialog = await screen.findByRole("dialog");
    await user.type(within(dialog).getByRole("textbox"), "고객 해지로 회수");
    await user.click(within(dialog).getByRole("button", { name: "확인" }));

    await waitFor(() => {
      const post = mockApi.requests.find((r) => r.url.pathname === "/api/assets/1/transition");
      expect(post?.body).toEqual({ to: "returned", note: "고객 해지로 회수" });
    }, SLOW);
    // returned → refurbishing is now offered, from the refreshed record.
    expect(await screen.findByRole("button", { name: "상태 변경: 재정비" }, SLOW)).toBeInTheDocument();
  });
});
