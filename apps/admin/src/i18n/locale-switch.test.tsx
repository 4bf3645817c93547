import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { renderApp, SLOW } from "../test/render-app";

describe("language", () => {
  it("starts in Korean and switches labels to English from the app bar", async () => {
    const user = userEvent.setup({ delay: null });
    renderApp({ as: "manager" });

    expect(await screen.findByRole("menuitem", { name: /고객/ }, SLOW)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: /한국어/ }));
    await user.click(await screen.findByRole("menuitem", { name: "English" }));

    expect(await screen.findByRole("menuitem", { name: /Customers/ }, SLOW)).toBeInTheDocument();
    expect(screen.queryByRole("menuitem", { name: /고객/ })).not.toBeInTheDocument();
    expect(await screen.findByText("Active contracts", undefined, SLOW)).toBeInTheDocument();
  });
});
