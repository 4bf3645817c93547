import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { API_URL } from "../api-url";
import { mockApi } from "../mocks/handlers";
import { renderApp, SLOW } from "../test/render-app";
import { server } from "../test/setup";

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

describe("asset import", () => {
  it("uploads the chosen file as the body and lists each bad row with its line and a Korean reason", async () => {
    let sent: { type: string | null; name: string | null; text: string } | undefined;
    server.use(
      http.post(`${API_URL}/assets/import`, async ({ request }) => {
        sent = {
          type: request.headers.get("content-type"),
          name: request.headers.get("x-file-name"),
          text: await request.text(),
        };
        return HttpResponse.json(
          {
            code: "import_rejected",
            message: "2 of 3 rows are invalid; nothing was imported",
            rows: 3,
            badRows: 2,
            errorCount: 2,
            truncated: false,
            rowErrors: [
              { line: 3, field: "product", reason: "unknown_product", message: "x", value: "NO-SUCH" },
              { line: 4, field: "serialNumber", reason: "duplicate_serial", message: "x", value: "S-1" },
            ],
          },
          { status: 422 },
        );
      }),
    );
    const user = userEvent.setup({ delay: null });
    renderApp({ as: "manager", route: "#/assets" });
    await user.click(await screen.findByRole("button", { name: "일괄 등록" }, SLOW));
    const dialog = await screen.findByRole("dialog");
    const csv = "시리얼번호,제품,취득일,취득원가\nS-0,CHP-7210N,2026-01-01,1\n";
    await user.upload(
      within(dialog).getByLabelText("가져올 파일"),
      new File([csv], "자산.csv", { type: "text/csv" }),
    );
    await user.click(within(dialog).getByRole("button", { name: "등록" }));

    const table = await within(dialog).findByRole("table", { name: "잘못된 줄" }, SLOW);
    expect(
      within(dialog).getByText(/전체 3줄 중 2줄에 문제가 있어 아무것도 등록하지 않았습니다/),
    ).toBeInTheDocument();
    const rows = within(table).getAllByRole("row").slice(1);
    expect(
      rows.map((r) =>
        within(r)
          .getAllByRole("cell")
          .map((c) => c.textContent),
      ),
    ).toEqual([
      ["3", "상품", "NO-SUCH", "이 모델명·제품명의 제품이 없습니다"],
      ["4", "일련번호", "S-1", "이미 등록된 시리얼번호입니다"],
    ]);
    expect(sent).toEqual({ type: "text/csv", name: encodeURIComponent("자산.csv"), text: csv });
  });

  it("offers no import to a role that may not register assets", async () => {
    renderApp({ as: "cs", route: "#/assets" });
    expect(await screen.findByRole("columnheader", { name: "일련번호" }, SLOW)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "일괄 등록" })).not.toBeInTheDocument();
  });
});
