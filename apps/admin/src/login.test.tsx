import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { mockApi } from "./mocks/handlers";
import { renderApp, SLOW } from "./test/render-app";

describe("logging in", () => {
  it("posts the e-mail and password, then shows the dashboard figures from the API", async () => {
    const user = userEvent.setup({ delay: null });
    renderApp();

    await user.type(await screen.findByLabelText(/이메일/, { selector: "input" }, SLOW), "manager@demo.kr");
    await user.type(screen.getByLabelText(/비밀번호/, { selector: "input" }), "demo-pass-2026");
    await user.click(screen.getByRole("button", { name: "로그인" }));

    const counts = await screen.findByTestId("dashboard-counts", undefined, SLOW);
    const login = mockApi.requests.find((r) => r.url.pathname === "/api/auth/login");
    expect(login?.method).toBe("POST");
    expect(login?.body).toEqual({ email: "manager@demo.kr", password: "demo-pass-2026" });
    // A manager's dashboard: contracts (the mock's month 12: 120 active), no money.
    expect(within(counts).getByTestId("metric-activeContracts-current")).toHaveTextContent("120건");
    expect(within(counts).queryByTestId("metric-mrr")).not.toBeInTheDocument();
    expect(await screen.findByText("데모렌탈 대시보드")).toBeInTheDocument();
  });

  it("stays on the login form and says so when the password is wrong", async () => {
    const user = userEvent.setup({ delay: null });
    renderApp();

    await user.type(await screen.findByLabelText(/이메일/, { selector: "input" }, SLOW), "manager@demo.kr");
    await user.type(screen.getByLabelText(/비밀번호/, { selector: "input" }), "wrong-password");
    await user.click(screen.getByRole("button", { name: "로그인" }));

    expect(
      await screen.findByText("이메일 또는 비밀번호가 올바르지 않습니다", undefined, SLOW),
    ).toBeInTheDocument();
    expect(screen.queryByTestId("dashboard-counts")).not.toBeInTheDocument();
  });
});
