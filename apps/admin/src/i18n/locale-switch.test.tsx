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

    // Dates follow the chosen language too: 5/12/2026-style in English, not "2026. 5. 12.".
    await user.click(screen.getByRole("menuitem", { name: /Customers/ }));
    const dates = await screen.findAllByText(/^\d{1,2}\/\d{1,2}\/\d{4}$/, undefined, SLOW);
    expect(dates.length).toBeGreaterThan(0);
    expect(screen.queryByText(/^\d{4}\. \d{1,2}\. \d{1,2}\.$/)).not.toBeInTheDocument();
  });
});
