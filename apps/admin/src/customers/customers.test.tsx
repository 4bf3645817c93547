import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { HttpResponse, http } from "msw";
import { afterEach, describe, expect, it, vi } from "vitest";
import { API_URL } from "../api-url";
import { mockApi } from "../mocks/handlers";
import { GANGNAM_RESULT, installFakePostcode } from "../test/fake-postcode";
import { renderApp, SLOW } from "../test/render-app";
import { server } from "../test/setup";

describe("customer list", () => {
  it("shows phone numbers masked", async () => {
    renderApp({ as: "manager", route: "#/customers" });

    expect(await screen.findByText("홍길동", undefined, SLOW)).toBeInTheDocument();
    expect(screen.getByText("010-****-5678")).toBeInTheDocument();
    expect(screen.queryByText("010-1234-5678")).not.toBeInTheDocument();
  });

  it("sends the search box text as filter.q and shows only the matches", async () => {
    const user = userEvent.setup({ delay: null });
    renderApp({ as: "manager", route: "#/customers" });
    await screen.findByText("김영희", undefined, SLOW);

    await user.type(screen.getByPlaceholderText("검색"), "홍길");

    await waitFor(() => expect(mockApi.listFilters("customers")).toContainEqual({ q: "홍길" }), SLOW);
    await waitFor(() => expect(screen.queryByText("김영희")).not.toBeInTheDocument(), SLOW);
    expect(screen.getByText("홍길동")).toBeInTheDocument();
  });
});

describe("customer show", () => {
  it("shows the full phone number and the customer's assets", async () => {
    renderApp({ as: "manager", route: "#/customers/1/show" });

    expect(await screen.findByText("010-1234-5678", undefined, SLOW)).toBeInTheDocument();
    expect(await screen.findByText("CHP7210N-000001", undefined, SLOW)).toBeInTheDocument();
    // "계약" is also a menu item now, so look for the section's text.
    expect(screen.getByText(/계약 내역은/)).toBeInTheDocument();
  });
});

/** A field of the show page (once the save has led there), label and value. */
const shownField = (source: string) =>
  waitFor(() => {
    const field = document.querySelector(`.ra-field-${source}`);
    if (!field) throw new Error(`no shown field ${source} yet`);
    return field;
  }, SLOW);

describe("customer edit", () => {
  it("sets the preferred channel and the marketing consent, and the customer's page shows both", async () => {
    const user = userEvent.setup({ delay: null });
    renderApp({ as: "manager", route: "#/customers/1" });

    const channel = await screen.findByRole("combobox", { name: "선호 연락 수단" }, SLOW);
    expect(channel).toHaveTextContent("파트너 기본 설정 (알림톡 우선)");
    expect(screen.getByText(/광고는 마케팅 수신 동의가 있어야만 보냅니다/)).toBeInTheDocument();
    const marketing = screen.getByLabelText("마케팅 수신 동의");
    expect(marketing).not.toBeChecked();
    await user.click(channel);
    expect(screen.getByRole("option", { name: "알림톡 (카카오톡, 실패 시 문자)" })).toBeInTheDocument();
    await user.click(screen.getByRole("option", { name: "이메일" }));
    await user.click(marketing);
    await user.click(screen.getByRole("button", { name: "저장" }));

    await waitFor(() => {
      const put = mockApi.requests.find((r) => r.method === "PUT" && r.url.pathname === "/api/customers/1");
      expect(put?.body).toMatchObject({ preferredChannel: "email", consents: { marketing: true } });
    }, SLOW);
    const shown = await shownField("preferredChannel");
    expect(shown).toHaveTextContent("선호 연락 수단이메일");
    const consents = screen.getAllByText(/^동의 \(/);
    expect(consents).toHaveLength(3);
  });

  it("clears the preferred channel back to the partner's default (sent as null)", async () => {
    const user = userEvent.setup({ delay: null });
    renderApp({ as: "manager", route: "#/customers/2" });

    const channel = await screen.findByRole("combobox", { name: "선호 연락 수단" }, SLOW);
    await waitFor(() => expect(channel).toHaveTextContent("이메일"), SLOW);
    await user.click(channel);
    // react-admin names the empty choice "값 지우기" for screen readers; it reads as the default.
    const reset = screen.getByRole("option", { name: "값 지우기" });
    expect(reset).toHaveTextContent("파트너 기본 설정 (알림톡 우선)");
    await user.click(reset);
    await user.click(screen.getByRole("button", { name: "저장" }));

    await waitFor(() => {
      const put = mockApi.requests.find((r) => r.method === "PUT" && r.url.pathname === "/api/customers/2");
      expect(put?.body).toMatchObject({ preferredChannel: null });
    }, SLOW);
    const shown = await shownField("preferredChannel");
    expect(shown).toHaveTextContent("파트너 기본 설정 (알림톡 우선)");
  });
});

describe("customer create", () => {
  it("shows the API's field errors under the matching inputs", async () => {
    server.use(
      http.post(`${API_URL}/customers`, () =>
        HttpResponse.json(
          {
            code: "validation_failed",
            message: "Some fields are invalid",
            errors: { phone: "휴대전화 번호 형식이 아닙니다" },
          },
          { status: 400 },
        ),
      ),
    );
    const user = userEvent.setup({ delay: null });
    renderApp({ as: "manager", route: "#/customers/create" });

    await user.type(await screen.findByRole("textbox", { name: /이름/ }, SLOW), "이순신");
    await user.type(screen.getByLabelText(/생년월일/), "1980-04-28");
    await user.type(screen.getByRole("textbox", { name: /휴대전화/ }), "02-12");
    await user.click(screen.getByRole("button", { name: "저장" }));

    const phone = screen.getByRole("textbox", { name: /휴대전화/ });
    await waitFor(() => expect(phone).toHaveAccessibleDescription("휴대전화 번호 형식이 아닙니다"), SLOW);
    expect(phone).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByRole("textbox", { name: /이름/ })).not.toHaveAttribute("aria-invalid", "true");
  });

  it("creates the customer and opens its page", async () => {
    const user = userEvent.setup({ delay: null });
    renderApp({ as: "manager", route: "#/customers/create" });

    await user.type(await screen.findByRole("textbox", { name: /이름/ }, SLOW), "이순신");
    await user.type(screen.getByLabelText(/생년월일/), "1980-04-28");
    await user.type(screen.getByRole("textbox", { name: /휴대전화/ }), "01055557777");
    await user.click(screen.getByLabelText(/개인정보/));
    await user.click(screen.getByRole("button", { name: "저장" }));

    expect(await screen.findByText("010-5555-7777", undefined, SLOW)).toBeInTheDocument();
    const post = mockApi.requests.find((r) => r.method === "POST" && r.url.pathname === "/api/customers");
    expect(post?.body).toMatchObject({
      name: "이순신",
      birthDate: "1980-04-28",
      phone: "01055557777",
      consents: { privacy: true },
    });
  });
});

describe("customer address", () => {
  afterEach(() => {
    delete window.daum;
    vi.restoreAllMocks();
  });

  it("fills postcode and road address from the postcode search, puts the cursor in the detail and saves the three apart", async () => {
    const fake = installFakePostcode(GANGNAM_RESULT);
    const user = userEvent.setup({ delay: null });
    renderApp({ as: "manager", route: "#/customers/1" });

    await user.click(await screen.findByRole("button", { name: "주소 검색" }, SLOW));
    const detail = screen.getByTestId("address-detail-input");
    await waitFor(() => expect(detail).toHaveFocus(), SLOW);
    expect(fake.embeds).toHaveLength(1);
    expect(screen.getByTestId("postcode-input")).toHaveValue("06236");
    expect(screen.getByTestId("address-input")).toHaveValue("서울 강남구 테헤란로 152");
    await user.clear(detail);
    await user.paste("10층");
    await user.click(screen.getByRole("button", { name: "저장" }));

    await waitFor(() => {
      const put = mockApi.requests.find((r) => r.method === "PUT" && r.url.pathname === "/api/customers/1");
      expect(put?.body).toMatchObject({
        postcode: "06236",
        address: "서울 강남구 테헤란로 152",
        addressDetail: "10층",
      });
    }, SLOW);
    expect(await shownField("postcode")).toHaveTextContent("06236");
    expect(await shownField("addressDetail")).toHaveTextContent("10층");
  });

  it("says so when the search cannot load, and the address is typed by hand", async () => {
    // Offline: the script's request fails.
    const append = document.head.appendChild.bind(document.head);
    vi.spyOn(document.head, "appendChild").mockImplementation(<T extends Node>(node: T): T => {
      if (node instanceof HTMLScriptElement && node.src.includes("daumcdn")) {
        setTimeout(() => node.onerror?.(new Event("error")), 0);
        return node;
      }
      return append(node);
    });
    const user = userEvent.setup({ delay: null });
    renderApp({ as: "manager", route: "#/customers/1" });

    await user.click(await screen.findByRole("button", { name: "주소 검색" }, SLOW));
    expect(await screen.findByTestId("postcode-unavailable", undefined, SLOW)).toHaveTextContent(
      "주소 검색을 불러오지 못했습니다",
    );
    await user.clear(screen.getByTestId("postcode-input"));
    await user.paste("04524");
    await user.clear(screen.getByTestId("address-input"));
    await user.paste("서울 중구 세종대로 110");
    await user.click(screen.getByRole("button", { name: "저장" }));
    await waitFor(() => {
      const put = mockApi.requests.find((r) => r.method === "PUT" && r.url.pathname === "/api/customers/1");
      expect(put?.body).toMatchObject({ postcode: "04524", address: "서울 중구 세종대로 110" });
    }, SLOW);
  });
});
