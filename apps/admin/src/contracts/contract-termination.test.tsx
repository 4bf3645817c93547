import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { mockApi } from "../mocks/handlers";
import { renderApp, SLOW } from "../test/render-app";

const quoteRequests = () =>
  mockApi.requests.filter(
    (r) => r.method === "GET" && r.url.pathname === "/api/contracts/3/termination-quote",
  );

async function chooseDate(date: string) {
  const section = await screen.findByTestId("contract-termination", undefined, SLOW);
  fireEvent.change(within(section).getByLabelText("해지(취소)일"), { target: { value: date } });
  return section;
}

describe("contract termination", () => {
  it("fetches the exit quote for the chosen date and terminates with a reason", async () => {
    const user = userEvent.setup({ delay: null });
    renderApp({ as: "manager", route: "#/contracts/3/show" });
    const section = await chooseDate("2026-03-10");

    await waitFor(
      () => expect(quoteRequests().map((r) => r.url.searchParams.get("date"))).toContain("2026-03-10"),
      SLOW,
    );
    const quote = await within(section).findByTestId("termination-quote", undefined, SLOW);
    // 33 mandatory months left × 29,900원 × 10%, the removal fee, the waived registration fee and
    // three months of promotion (SPEC §4).
    expect(within(quote).getByText("98,670원")).toBeInTheDocument();
    const rows = within(quote)
      .getAllByRole("row")
      .map((r) => r.textContent);
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^철거비.*30,000원$/),
        expect.stringMatching(/^등록비 환수.*100,000원$/),
        expect.stringMatching(/^프로모션 할인 환수.*15,000원$/),
      ]),
    );
    expect(within(quote).getByTestId("termination-total")).toHaveTextContent("243,670원");
    expect(within(section).getByRole("link", { name: "견적서 PDF" })).toHaveAttribute(
      "href",
      expect.stringContaining("/api/contracts/3/termination-quote.pdf?date=2026-03-10"),
    );

    await user.click(within(section).getByRole("button", { name: "해지" }));
    const dialog = await screen.findByRole("dialog", undefined, SLOW);
    const confirm = within(dialog).getByRole("button", { name: "해지" });
    expect(confirm).toBeDisabled();
    await user.type(within(dialog).getByRole("textbox", { name: /사유/ }), "이사로 인한 해지 요청");
    await user.click(confirm);

    await waitFor(
      () =>
        expect(
          mockApi.requests.find((r) => r.method === "POST" && r.url.pathname === "/api/contracts/3/terminate")
            ?.body,
        ).toEqual({ date: "2026-03-10", reason: "이사로 인한 해지 요청" }),
      SLOW,
    );
    expect(await screen.findByText(/계약을 해지했습니다/, undefined, SLOW)).toBeInTheDocument();
    // The refreshed contract is terminated, so the section is gone.
    await waitFor(() => expect(screen.queryByTestId("contract-termination")).not.toBeInTheDocument(), SLOW);
  });

  it("shows the refusal of a cancellation after the cooling-off window in Korean, with the API's date", async () => {
    const user = userEvent.setup({ delay: null });
    renderApp({ as: "owner", route: "#/contracts/3/show" });
    const section = await chooseDate("2026-03-10");
    await user.click(within(section).getByRole("button", { name: "청약철회/취소" }));
    const dialog = await screen.findByRole("dialog", undefined, SLOW);
    await user.type(within(dialog).getByRole("textbox", { name: /사유/ }), "단순 변심");
    await user.click(within(dialog).getByRole("button", { name: "청약철회/취소" }));

    // Korean words for the rule's code, with the API's own account of which rule (the date).
    expect(
      await within(section).findByText(
        /업무 규칙상 처리할 수 없습니다.*The cooling-off window ended on 2026-01-19/,
        undefined,
        SLOW,
      ),
    ).toBeInTheDocument();
    expect(mockApi.rows.contracts?.find((c) => c.id === 3)?.status).toBe("active");
  });

  it("shows a read-only role the quote but not the actions", async () => {
    renderApp({ as: "finance", route: "#/contracts/3/show" });
    const section = await chooseDate("2026-03-10");
    expect(await within(section).findByTestId("termination-quote", undefined, SLOW)).toBeInTheDocument();
    expect(within(section).queryByRole("button", { name: "해지" })).not.toBeInTheDocument();
    expect(within(section).queryByRole("button", { name: "청약철회/취소" })).not.toBeInTheDocument();
  });
});
