import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { HttpResponse, http } from "msw";
import { afterEach, describe, expect, it } from "vitest";
import { API_URL } from "../api-url";
import { GANGNAM_RESULT, installFakePostcode } from "../test/fake-postcode";
import { renderApp, SLOW } from "../test/render-app";
import { server } from "../test/setup";

const ticket = {
  id: 42,
  number: "CS-2026-000042",
  type: "relocation",
  status: "open",
  priority: "normal",
  subject: "이전설치 요청",
  body: "이사 갑니다",
  relocationAddress: null,
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

/** The ticket's API with `overrides` on the ticket; collects what the relocation panel posted. */
function ticketHandlers(overrides: Partial<typeof ticket> | Record<string, unknown> = {}) {
  const posted: unknown[] = [];
  server.use(
    http.get(`${API_URL}/tickets/42`, () => HttpResponse.json({ ...ticket, ...overrides })),
    http.get(`${API_URL}/tickets/42/timeline`, () => HttpResponse.json([])),
    http.get(`${API_URL}/tickets/assignees`, () => HttpResponse.json([])),
    http.get(`${API_URL}/technicians`, () => HttpResponse.json([])),
    http.get(`${API_URL}/service-visits`, () =>
      HttpResponse.json([], { headers: { "Content-Range": "service-visits 0-0/0" } }),
    ),
    http.post(`${API_URL}/tickets/42/relocation`, async ({ request }) => {
      posted.push(await request.json());
      return HttpResponse.json([], { status: 201 });
    }),
  );
  return posted;
}

async function fillDates(user: ReturnType<typeof userEvent.setup>, panel: HTMLElement) {
  await user.type(within(panel).getByLabelText("철거일"), "2030-03-20");
  await user.type(within(panel).getByLabelText("재설치일"), "2030-03-21");
}

describe("the relocation panel of a relocation ticket", () => {
  afterEach(() => {
    delete window.daum;
  });

  it("finds the new address with the postcode search and books with its three parts", async () => {
    const posted = ticketHandlers();
    const fake = installFakePostcode(GANGNAM_RESULT);
    const user = userEvent.setup({ delay: null });
    renderApp({ as: "manager", route: "#/tickets/42/show" });
    const panel = await screen.findByTestId("relocation-address", undefined, SLOW);
    const card = panel.closest(".MuiCard-root") as HTMLElement;
    await fillDates(user, card);
    const book = within(card).getByRole("button", { name: "예약" });
    expect(book).toBeDisabled();

    await user.click(within(panel).getByRole("button", { name: "주소 검색" }));
    const detail = within(panel).getByTestId("address-detail-input");
    await waitFor(() => expect(detail).toHaveFocus(), SLOW);
    expect(fake.embeds).toHaveLength(1);
    expect(within(panel).getByTestId("postcode-input")).toHaveValue("06236");
    expect(within(panel).getByTestId("address-input")).toHaveValue("서울 강남구 테헤란로 152");
    await user.type(detail, "10층");
    await user.click(book);

    await waitFor(
      () =>
        expect(posted).toEqual([
          {
            removalOn: "2030-03-20",
            reinstallOn: "2030-03-21",
            newPostcode: "06236",
            newAddress: "서울 강남구 테헤란로 152",
            newAddressDetail: "10층",
          },
        ]),
      SLOW,
    );
  });

  it("starts from the address the customer asked for, and holds a postcode that is not 5 digits", async () => {
    const posted = ticketHandlers({
      source: "customer",
      relocationAddress: { postcode: "48060", road: "부산 해운대구 센텀중앙로 79", detail: null },
    });
    const user = userEvent.setup({ delay: null });
    renderApp({ as: "manager", route: "#/tickets/42/show" });
    const panel = await screen.findByTestId("relocation-address", undefined, SLOW);
    const card = panel.closest(".MuiCard-root") as HTMLElement;
    const postcode = within(panel).getByTestId("postcode-input");
    await waitFor(() => expect(postcode).toHaveValue("48060"), SLOW);
    expect(within(panel).getByTestId("address-input")).toHaveValue("부산 해운대구 센텀중앙로 79");
    expect(within(panel).getByTestId("address-detail-input")).toHaveValue("");
    expect(within(panel).getByText(/고객이 요청한 새 주소로 채웠습니다/)).toBeInTheDocument();
    await fillDates(user, card);
    const book = within(card).getByRole("button", { name: "예약" });

    await user.clear(postcode);
    await user.type(postcode, "4806");
    expect(within(panel).getByText("우편번호는 숫자 5자리입니다")).toBeInTheDocument();
    expect(book).toBeDisabled();
    await user.type(postcode, "1");
    await user.type(within(panel).getByTestId("address-detail-input"), "1203호");
    expect(within(panel).queryByText(/고객이 요청한 새 주소로 채웠습니다/)).not.toBeInTheDocument();
    await user.click(book);

    await waitFor(
      () =>
        expect(posted).toEqual([
          {
            removalOn: "2030-03-20",
            reinstallOn: "2030-03-21",
            newPostcode: "48061",
            newAddress: "부산 해운대구 센텀중앙로 79",
            newAddressDetail: "1203호",
          },
        ]),
      SLOW,
    );
  });
});
