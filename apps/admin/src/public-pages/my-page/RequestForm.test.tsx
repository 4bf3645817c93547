import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { API_URL } from "../../api-url";
import { SLOW } from "../../test/render-app";
import { server } from "../../test/setup";
import { PublicApiError } from "../shared/public-api";
import type { Act } from "./page-actions";

import { RequestForm } from "./RequestForm";

const BASE = "/public/my/token123";

/** The page's own `act` in small: runs the work and hands a 400's field messages to the form. */
const act: Act = async ({ work, onFields }) => {
  try {
    await work();
    return true;
  } catch (e) {
    if (e instanceof PublicApiError && e.code === "validation_failed") onFields?.(e.fieldErrors);
    return false;
  }
};

describe("the customer's relocation request", () => {
  it("sends the new address in three parts, typed by hand (no postcode search on this page), and shows a field's error", async () => {
    const posted: unknown[] = [];
    server.use(
      http.post(`${API_URL}${BASE}/requests`, async ({ request }) => {
        const body = (await request.json()) as { newPostcode?: string };
        posted.push(body);
        if (body.newPostcode && !/^\d{5}$/.test(body.newPostcode))
          return HttpResponse.json(
            {
              code: "validation_failed",
              message: "Invalid input",
              errors: { newPostcode: "우편번호는 숫자 5자리입니다" },
            },
            { status: 400 },
          );
        return HttpResponse.json(
          { number: "CS-2026-000001", type: "relocation", status: "open" },
          { status: 201 },
        );
      }),
    );
    const user = userEvent.setup({ delay: null });
    render(
      <RequestForm base={BASE} headers={{ "X-Customer-Proof": "p" }} act={act} busy={false} notice={null} />,
    );

    await user.click(screen.getByRole("combobox", { name: "요청 종류" }));
    await user.click(await screen.findByRole("option", { name: "이전설치 (이사)" }));
    const address = await screen.findByTestId("request-new-address");
    expect(within(address).queryByRole("button", { name: "주소 검색" })).not.toBeInTheDocument();
    await user.type(within(address).getByLabelText("우편번호"), "4806");
    await user.type(within(address).getByLabelText(/이전할 주소/), "부산 해운대구 센텀중앙로 79");
    await user.type(within(address).getByLabelText("상세 주소"), "1203호");
    await user.type(screen.getByLabelText("내용"), "이사 갑니다");
    await user.click(screen.getByRole("button", { name: "요청 보내기" }));

    expect(
      await within(address).findByText("우편번호는 숫자 5자리입니다", undefined, SLOW),
    ).toBeInTheDocument();
    await user.type(within(address).getByLabelText("우편번호"), "0");
    await user.click(screen.getByRole("button", { name: "요청 보내기" }));

    await waitFor(() => expect(posted).toHaveLength(2), SLOW);
    expect(posted[1]).toEqual({
      type: "relocation",
      body: "이사 갑니다",
      newPostcode: "48060",
      newAddress: "부산 해운대구 센텀중앙로 79",
      newAddressDetail: "1203호",
    });
    // Sent: the form starts over.
    await waitFor(() => expect(within(address).getByLabelText("우편번호")).toHaveValue(""), SLOW);
  });
});
