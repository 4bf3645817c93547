import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { mockApi } from "../mocks/handlers";
import { renderApp, SLOW } from "../test/render-app";

describe("contract show", () => {
  it("shows the verify result, the signing audit trail, the payment method and the PDF", async () => {
    renderApp({ as: "manager", route: "#/contracts/2/show" });

    expect(await screen.findByText("무결성 확인됨", undefined, SLOW)).toBeInTheDocument();
    const trail = await screen.findByTestId("contract-events", undefined, SLOW);
    const steps = within(trail)
      .getAllByRole("row")
      .slice(1)
      .map((r) => r.querySelectorAll("td")[1]?.textContent);
    expect(steps).toEqual(["발송", "열람", "본인 확인", "서명"]);
    expect(within(trail).getAllByText("203.0.113.7")).toHaveLength(3);
    expect(await screen.findByText("카드 **** 4242", undefined, SLOW)).toBeInTheDocument();
    expect(screen.getByTestId("contract-pdf")).toHaveAttribute(
      "src",
      expect.stringContaining("/api/contracts/2/pdf"),
    );
    // Frozen terms and the schedule, money as integer won.
    expect(within(screen.getByTestId("contract-terms")).getByText("29,900원")).toBeInTheDocument();
    expect(await screen.findByText("첫 달 일할", undefined, SLOW)).toBeInTheDocument();
    const verifyCalls = mockApi.requests.filter((r) => r.url.pathname === "/api/contracts/2/verify");
    expect(verifyCalls.length).toBeGreaterThan(0);
  });

  it("says an unsigned contract has no sealed document, and resends only after confirming", async () => {
    const user = userEvent.setup({ delay: null });
    renderApp({ as: "manager", route: "#/contracts/1/show" });

    expect(
      await screen.findByText("서명 전이라 봉인된 문서가 없습니다", undefined, SLOW),
    ).toBeInTheDocument();
    await user.click(await screen.findByRole("button", { name: "계약서 재발송" }, SLOW));
    const dialog = await screen.findByRole("dialog", undefined, SLOW);
    expect(mockApi.requests.some((r) => r.url.pathname === "/api/contracts/1/send")).toBe(false);
    await user.click(within(dialog).getByRole("button", { name: "확인" }));

    await waitFor(
      () =>
        expect(
          mockApi.requests.filter((r) => r.method === "POST" && r.url.pathname === "/api/contracts/1/send"),
        ).toHaveLength(1),
      SLOW,
    );
  });
});

describe("payment-method link (issue 15)", () => {
  it("sends a payment-method link for a signed contract after confirming, and shows it in the trail", async () => {
    const user = userEvent.setup({ delay: null });
    renderApp({ as: "manager", route: "#/contracts/2/show" });
    await user.click(await screen.findByRole("button", { name: "결제수단 등록 링크 보내기" }, SLOW));
    const dialog = await screen.findByRole("dialog", undefined, SLOW);
    expect(mockApi.requests.some((r) => r.url.pathname === "/api/contracts/2/payment-link")).toBe(false);
    await user.click(within(dialog).getByRole("button", { name: "확인" }));
    expect(await screen.findByText("결제수단 등록 링크를 보냈습니다", undefined, SLOW)).toBeInTheDocument();
    expect(
      mockApi.requests.filter(
        (r) => r.method === "POST" && r.url.pathname === "/api/contracts/2/payment-link",
      ),
    ).toHaveLength(1);
    const trail = await screen.findByTestId("contract-events", undefined, SLOW);
    expect(await within(trail).findByText("결제수단 등록 링크 발송", undefined, SLOW)).toBeInTheDocument();
  }, 60_000);

  it("offers no payment-method link before signing", async () => {
    renderApp({ as: "manager", route: "#/contracts/1/show" });
    await screen.findByRole("button", { name: "계약서 재발송" }, SLOW);
    expect(screen.queryByRole("button", { name: "결제수단 등록 링크 보내기" })).toBeNull();
  });
});

describe("contract schedule", () => {
  it("links an invoiced period to its invoice and shows what was collected", async () => {
    renderApp({ as: "finance", route: "#/contracts/3/show" });
    const schedule = await screen.findByTestId("contract-schedule", undefined, SLOW);
    const invoiced = await within(schedule).findByRole("link", { name: "INV-202601-00000001" }, SLOW);
    expect(invoiced).toHaveAttribute("href", "#/invoices/1/show");
    const row = invoiced.closest("tr") as HTMLElement;
    expect(within(row).getByText("완납")).toBeInTheDocument();
    expect(within(row).getAllByText("25,074원")).toHaveLength(2); // billed and collected
    expect(within(row).getByText("결제 시도 1회")).toBeInTheDocument();
    const notYet = within(schedule).getByText("1회차").closest("tr") as HTMLElement;
    expect(within(notYet).queryByRole("link")).toBeNull();
  });
});

describe("contract documents", () => {
  it("downloads the signed contract and, once installed, the installation receipt", async () => {
    renderApp({ as: "cs", route: "#/contracts/3/show" });
    const sealed = await screen.findByRole("link", { name: "서명 완료 계약서 PDF 내려받기" }, SLOW);
    expect(sealed).toHaveAttribute("href", expect.stringContaining("/api/contracts/3/pdf"));
    expect(sealed).toHaveAttribute("download", "C-2026-000003-sealed.pdf");
    const receipt = screen.getByRole("link", { name: "설치 확인서 PDF 내려받기" });
    expect(receipt).toHaveAttribute(
      "href",
      expect.stringContaining("/api/contracts/3/installation-receipt.pdf"),
    );
  });

  it("offers no receipt before installation and the unsigned contract before signing", async () => {
    renderApp({ as: "manager", route: "#/contracts/1/show" });
    expect(await screen.findByRole("link", { name: "계약서 PDF 내려받기" }, SLOW)).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "설치 확인서 PDF 내려받기" })).not.toBeInTheDocument();
  });
});
