import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { mockApi } from "../mocks/handlers";
import { renderApp, SLOW } from "../test/render-app";

const posts = (path: string) =>
  mockApi.requests.filter((r) => r.method === "POST" && r.url.pathname === path);

describe("invoice show", () => {
  it("shows the lines with supply, VAT and total, and the failed attempt", async () => {
    renderApp({ as: "finance", route: "#/invoices/2/show" });
    const lines = await screen.findByTestId("invoice-lines", undefined, SLOW);
    const [, rent, total] = within(lines).getAllByRole("row");
    expect(rent).toHaveTextContent("22,637원");
    expect(rent).toHaveTextContent("2,263원");
    expect(total).toHaveTextContent("24,900원");
    const attempts = screen.getByTestId("invoice-attempts");
    expect(within(attempts).getByText("실패")).toBeInTheDocument();
    expect(within(attempts).getByText("잔액 부족")).toBeInTheDocument();
    // Nothing came in: the whole invoice is still owed.
    expect(screen.getByTestId("balance-due")).toHaveTextContent("24,900원");
  });

  it("shows a credit note on the invoice as a line of its settlement, and what is left to pay", async () => {
    const user = userEvent.setup({ delay: null });
    renderApp({ as: "finance", route: "#/invoices/2/show" });
    await user.click(await screen.findByRole("button", { name: "감액/크레딧" }, SLOW));
    const dialog = await screen.findByRole("dialog", undefined, SLOW);
    await user.type(within(dialog).getByRole("spinbutton", { name: /감액 금액/ }), "4900");
    await user.type(within(dialog).getByRole("textbox", { name: /사유/ }), "설치 지연 보상");
    await user.click(within(dialog).getByRole("button", { name: "발행" }));
    const adjustments = await screen.findByTestId("invoice-adjustments", undefined, SLOW);
    await waitFor(() => expect(within(adjustments).getByText("설치 지연 보상")).toBeInTheDocument(), SLOW);
    expect(within(adjustments).getByText("감액(크레딧)").closest("tr")).toHaveTextContent("-4,900원");
    expect(screen.getByTestId("balance-due")).toHaveTextContent("20,000원");
  });

  it("posts a credit note with the typed amount and shows the API's field error under it", async () => {
    const user = userEvent.setup({ delay: null });
    renderApp({ as: "finance", route: "#/invoices/2/show" });
    await user.click(await screen.findByRole("button", { name: "감액/크레딧" }, SLOW));
    const dialog = await screen.findByRole("dialog", undefined, SLOW);
    await user.type(within(dialog).getByRole("spinbutton", { name: /감액 금액/ }), "50000");
    await user.type(within(dialog).getByRole("textbox", { name: /사유/ }), "설치 지연 보상");
    await user.click(within(dialog).getByRole("button", { name: "발행" }));

    await waitFor(
      () =>
        expect(posts("/api/invoices/2/credit-note").map((r) => r.body)).toEqual([
          { amount: 50000, reason: "설치 지연 보상" },
        ]),
      SLOW,
    );
    // The 422's errors.amount, under the amount input; the dialog stays open to correct it.
    expect(await within(dialog).findByText("At most 24,900원", undefined, SLOW)).toBeInTheDocument();

    const amount = within(dialog).getByRole("spinbutton", { name: /감액 금액/ });
    await user.clear(amount);
    await user.type(amount, "5000");
    await user.click(within(dialog).getByRole("button", { name: "발행" }));
    await waitFor(
      () =>
        expect(posts("/api/invoices/2/credit-note").at(-1)?.body).toEqual({
          amount: 5000,
          reason: "설치 지연 보상",
        }),
      SLOW,
    );
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument(), SLOW);
    expect(mockApi.rows["credit-notes"]).toEqual([expect.objectContaining({ invoiceId: 2, amount: 5000 })]);
  });

  it("records a bank transfer with the amount, date and reference", async () => {
    const user = userEvent.setup({ delay: null });
    renderApp({ as: "owner", route: "#/invoices/2/show" });
    await user.click(await screen.findByRole("button", { name: "입금 등록" }, SLOW));
    const dialog = await screen.findByRole("dialog", undefined, SLOW);
    await user.type(within(dialog).getByRole("spinbutton", { name: /입금 금액/ }), "24900");
    await user.type(within(dialog).getByRole("textbox", { name: /입금자명/ }), "홍길동 국민은행");
    await user.click(within(dialog).getByRole("button", { name: "등록" }));
    await waitFor(
      () =>
        expect(posts("/api/invoices/2/payments")[0]?.body).toEqual({
          amount: 24900,
          paidOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
          reference: "홍길동 국민은행",
        }),
      SLOW,
    );
    // Paid in full: the refreshed invoice no longer offers collection.
    await waitFor(
      () => expect(screen.queryByRole("button", { name: "수납 시도" })).not.toBeInTheDocument(),
      SLOW,
    );
  });

  it("gives a cs user the invoice without any action", async () => {
    renderApp({ as: "cs", route: "#/invoices/2/show" });
    expect(await screen.findByTestId("invoice-lines", undefined, SLOW)).toBeInTheDocument();
    expect(screen.getAllByText("INV-2026-000002").length).toBeGreaterThan(0);
    for (const name of ["수납 시도", "입금 등록", "감액/크레딧"]) {
      expect(screen.queryByRole("button", { name })).not.toBeInTheDocument();
    }
  });
});

const lastListFilter = (resource: string) => mockApi.listFilters(resource).at(-1);

describe("invoice list", () => {
  it("lists only open invoices past due in the overdue tab, oldest due date first, with their days overdue", async () => {
    const user = userEvent.setup({ delay: null });
    renderApp({ as: "cs", route: "#/invoices" });
    await screen.findByText("INV-2026-000001", undefined, SLOW);
    await user.click(screen.getByRole("tab", { name: "연체" }));
    await waitFor(() => {
      const last = mockApi.requests
        .filter((r) => r.method === "GET" && r.url.pathname === "/api/invoices")
        .at(-1);
      // The API decides what is past due, on its clock; `status: "open"` alone would list
      // invoices not yet due.
      expect(JSON.parse(last?.url.searchParams.get("filter") ?? "{}")).toEqual({ overdue: true });
      expect(last?.url.searchParams.get("sort")).toBe('["dueDate","ASC"]');
    }, SLOW);
    await waitFor(() => expect(screen.queryByText("INV-2026-000001")).not.toBeInTheDocument(), SLOW);
    expect(screen.queryByText("INV-2026-000003")).not.toBeInTheDocument();
    const rows = screen.getAllByRole("row").slice(1);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toHaveTextContent("INV-2026-000002");
    expect(rows[0]).toHaveTextContent("45일");
    expect(rows[0]).toHaveTextContent("31–60일");
    expect(screen.getByRole("tab", { name: "연체" })).toHaveAttribute("aria-selected", "true");

    // Another tab drops the overdue filter rather than combining with it.
    await user.click(screen.getByRole("tab", { name: "미납" }));
    await waitFor(() => expect(lastListFilter("invoices")).toEqual({ status: "open" }), SLOW);
    expect(await screen.findByText("INV-2026-000003", undefined, SLOW)).toBeInTheDocument();
  });

  it("sends the chosen aging bucket as the overdueBucket filter", async () => {
    const user = userEvent.setup({ delay: null });
    renderApp({ as: "finance", route: "#/invoices" });
    await screen.findByText("INV-2026-000001", undefined, SLOW);
    await user.click(screen.getByRole("combobox", { name: "연체 구간" }));
    await user.click(await screen.findByRole("option", { name: "31–60일" }, SLOW));
    await waitFor(() => expect(lastListFilter("invoices")).toEqual({ overdueBucket: "31-60" }), SLOW);
    await waitFor(() => expect(screen.queryByText("INV-2026-000001")).not.toBeInTheDocument(), SLOW);
    expect(screen.getByText("INV-2026-000002")).toBeInTheDocument();

    await user.click(screen.getByRole("combobox", { name: "연체 구간" }));
    await user.click(await screen.findByRole("option", { name: "90일 초과" }, SLOW));
    await waitFor(() => expect(lastListFilter("invoices")).toEqual({ overdueBucket: "90+" }), SLOW);
    await waitFor(() => expect(screen.queryByText("INV-2026-000002")).not.toBeInTheDocument(), SLOW);
  });

  it("sends the period range as periodFrom and periodTo", async () => {
    const user = userEvent.setup({ delay: null });
    renderApp({ as: "finance", route: "#/invoices" });
    await screen.findByText("INV-2026-000001", undefined, SLOW);
    for (const label of ["기간 시작일(부터)", "기간 시작일(까지)"]) {
      await user.click(screen.getByRole("button", { name: "필터 추가" }));
      await user.click(await screen.findByRole("menuitemcheckbox", { name: label }, SLOW));
    }
    fireEvent.change(screen.getByLabelText("기간 시작일(부터)"), { target: { value: "2026-02-01" } });
    fireEvent.change(screen.getByLabelText("기간 시작일(까지)"), { target: { value: "2026-02-28" } });
    await waitFor(
      () => expect(lastListFilter("invoices")).toEqual({ periodFrom: "2026-02-01", periodTo: "2026-02-28" }),
      SLOW,
    );
    await waitFor(() => expect(screen.queryByText("INV-2026-000001")).not.toBeInTheDocument(), SLOW);
    expect(screen.getByText("INV-2026-000002")).toBeInTheDocument();
    expect(screen.queryByText("INV-2026-000003")).not.toBeInTheDocument();
  });
});
