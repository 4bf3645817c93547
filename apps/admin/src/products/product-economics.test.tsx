import { screen, within } from "@testing-library/react";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { API_URL } from "../api-url";
import { renderApp, SLOW } from "../test/render-app";
import { server } from "../test/setup";

describe("product economics", () => {
  it("shows the units by status and the money in won to owner and finance", async () => {
    server.use(
      http.get(`${API_URL}/asset-economics`, ({ request }) =>
        HttpResponse.json(
          new URL(request.url).searchParams.get("productId") === "1"
            ? [
                {
                  productId: 1,
                  productName: "정수기",
                  model: "CHP-7210N",
                  units: 3,
                  unitsByStatus: { in_stock: 1, installed: 2, retired: 0 },
                  acquisitionCost: 1_260_000,
                  accumulatedDepreciation: 84_000,
                  bookValue: 1_176_000,
                  rentBilled: 217_456,
                  margin: 133_456,
                },
              ]
            : [],
        ),
      ),
    );
    renderApp({ as: "finance", route: "#/products/1/show" });
    const table = await screen.findByTestId("product-economics", undefined, SLOW);
    const cells = within(table)
      .getAllByRole("row")
      .map((r) => [...r.querySelectorAll("th,td")].map((c) => c.textContent));
    expect(cells).toEqual([
      ["보유 대수", "3대 (재고 1, 설치 2)"],
      ["취득원가 합계", "1,260,000원"],
      ["감가상각누계액 (정액법)", "84,000원"],
      ["장부가액", "1,176,000원"],
      ["누적 청구 렌탈료 (공급가액)", "217,456원"],
      ["공헌이익 (렌탈료 − 감가상각)", "133,456원"],
    ]);
  });

  it("is not shown to a manager", async () => {
    renderApp({ as: "manager", route: "#/products/1/show" });
    expect(await screen.findByText("요금제", undefined, SLOW)).toBeInTheDocument();
    expect(screen.queryByTestId("product-economics")).not.toBeInTheDocument();
  });
});
