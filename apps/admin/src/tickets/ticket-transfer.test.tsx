import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { API_URL } from "../api-url";
import { renderApp, SLOW } from "../test/render-app";
import { server } from "../test/setup";

const ticket = {
  id: 41,
  number: "T-2026-000041",
  type: "name_transfer",
  status: "open",
  priority: "normal",
  subject: "명의변경 요청",
  body: "가족에게 명의 이전",
  source: "staff",
  customerId: 1,
  customerName: "김민지",
  contractId: 3,
  assetId: null,
  assigneeId: null,
  assigneeName: null,
  slaDueAt: "2026-03-13T00:00:00.000Z",
  slaBreached: false,
  resolvedAt: null,
  createdAt: "2026-03-10T00:00:00.000Z",
  updatedAt: "2026-03-10T00:00:00.000Z",
  invoiceIds: [],
};

const transfer = {
  id: 9,
  contractId: 3,
  ticketId: 41,
  fromCustomerName: "김민지",
  toCustomerId: 5,
  toCustomerName: "박새명",
  status: "credit_approved",
  credit: { score: 900, grade: 1, outcome: "approved" },
  sentAt: null,
  completedAt: null,
  cancelReason: null,
};

/** The ticket's API with `transfers` as the ticket's transfers; answers what the panel posted. */
function ticketHandlers(transfers: unknown[]) {
  const posted: { path: string; body: unknown }[] = [];
  server.use(
    http.get(`${API_URL}/tickets/41`, () => HttpResponse.json(ticket)),
    http.get(`${API_URL}/tickets/41/timeline`, () => HttpResponse.json([])),
    http.get(`${API_URL}/tickets/assignees`, () => HttpResponse.json([])),
    http.get(`${API_URL}/tickets/41/transfers`, () => HttpResponse.json(transfers)),
    http.post(`${API_URL}/tickets/41/transfer`, async ({ request }) => {
      posted.push({ path: "transfer", body: await request.json() });
      return HttpResponse.json({ ...transfer, status: "requested" }, { status: 201 });
    }),
    http.post(`${API_URL}/contract-transfers/9/send`, () => {
      posted.push({ path: "send", body: null });
      return HttpResponse.json({ ...transfer, status: "sent" });
    }),
  );
  return posted;
}

describe("the name transfer panel of a name_transfer ticket", () => {
  it("starts a transfer to a new customer with the credit-inquiry consent", async () => {
    const posted = ticketHandlers([]);
    const user = userEvent.setup({ delay: null });
    renderApp({ as: "manager", route: "#/tickets/41/show" });
    const panel = await screen.findByTestId("transfer-panel", undefined, SLOW);
    const start = within(panel).getByRole("button", { name: "명의변경 시작" });
    await user.type(within(panel).getByLabelText("이름"), "박새명");
    await user.type(within(panel).getByLabelText("생년월일"), "1990-03-15");
    await user.type(within(panel).getByLabelText("휴대폰"), "010-7300-1234");
    expect(start).toBeDisabled();
    await user.click(within(panel).getByRole("checkbox"));
    await user.click(start);
    await waitFor(() =>
      expect(posted).toEqual([
        {
          path: "transfer",
          body: {
            newHolder: {
              customer: {
                name: "박새명",
                birthDate: "1990-03-15",
                phone: "010-7300-1234",
                email: "",
                consents: { privacy: true, creditInquiry: true },
              },
            },
          },
        },
      ]),
    );
  });

  it("finds an existing customer by name, never by a typed number", async () => {
    const posted = ticketHandlers([]);
    const searched: string[] = [];
    server.use(
      http.get(`${API_URL}/customers`, ({ request }) => {
        const q = JSON.parse(new URL(request.url).searchParams.get("filter") ?? "{}").q as string;
        searched.push(q);
        const found = [
          { id: 77, name: "김민준", phone: "010-1111-2222", birthDate: "1985-01-02" },
          { id: 78, name: "김민준", phone: "010-3333-4444", birthDate: "1992-07-08" },
        ].filter((c) => c.name.includes(q) || c.phone.includes(q));
        return HttpResponse.json(found, { headers: { "Content-Range": `customers 0-1/${found.length}` } });
      }),
    );
    const user = userEvent.setup({ delay: null });
    renderApp({ as: "manager", route: "#/tickets/41/show" });
    const panel = await screen.findByTestId("transfer-panel", undefined, SLOW);
    await user.click(within(panel).getByRole("button", { name: "기존 고객" }));
    const start = within(panel).getByRole("button", { name: "명의변경 시작" });
    expect(start).toBeDisabled();
    await user.type(within(panel).getByLabelText("고객 검색 (이름·전화번호)"), "김민준");
    // Two of the same name, told apart by phone and birth date.
    await user.click(
      await screen.findByRole("option", { name: "김민준 · 010-3333-4444 · 1992-07-08" }, SLOW),
    );
    await user.click(start);
    await waitFor(() =>
      expect(posted).toEqual([{ path: "transfer", body: { newHolder: { customerId: 78 } } }]),
    );
    expect(searched).toContain("김민준");
  });

  it("shows an approved transfer's status and sends the agreement for signing", async () => {
    const posted = ticketHandlers([transfer]);
    const user = userEvent.setup({ delay: null });
    renderApp({ as: "manager", route: "#/tickets/41/show" });
    const panel = await screen.findByTestId("transfer-panel", undefined, SLOW);
    expect(await within(panel).findByTestId("transfer-status", undefined, SLOW)).toHaveTextContent(
      "신용 승인",
    );
    expect(panel).toHaveTextContent("김민지 → 박새명");
    await user.click(within(panel).getByRole("button", { name: "서명 요청 발송" }));
    await waitFor(() => expect(posted.map((p) => p.path)).toEqual(["send"]));
  });
});
