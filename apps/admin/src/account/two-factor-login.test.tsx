import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { API_URL } from "../api-url";
import { userForRole } from "../mocks/fixtures";
import { mockApi } from "../mocks/handlers";
import { renderApp, SLOW } from "../test/render-app";
import { server } from "../test/setup";

const SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

/** The API's two-step sign-in for the owner: the password first, then `step`. */
function secondFactorApi(step: "verify" | "enroll") {
  const seen: { path: string; body: unknown }[] = [];
  const owner = userForRole("owner");
  server.use(
    http.post(`${API_URL}/auth/login`, async ({ request }) => {
      seen.push({ path: "login", body: await request.json() });
      return HttpResponse.json({ twoFactor: step });
    }),
    http.post(`${API_URL}/auth/totp/verify`, async ({ request }) => {
      const body = (await request.json()) as { code: string };
      seen.push({ path: "verify", body });
      if (body.code !== "123456")
        return HttpResponse.json({ code: "invalid_code", message: "The code is not right" }, { status: 401 });
      mockApi.session = owner;
      return HttpResponse.json(owner);
    }),
    http.post(`${API_URL}/auth/totp/setup`, () =>
      HttpResponse.json({
        secret: SECRET,
        otpauthUri: `otpauth://totp/SSP:owner%40demo.kr?secret=${SECRET}`,
      }),
    ),
    http.post(`${API_URL}/auth/totp/enable`, async ({ request }) => {
      seen.push({ path: "enable", body: await request.json() });
      mockApi.session = owner;
      return HttpResponse.json(owner);
    }),
  );
  return seen;
}

async function typePassword(user: ReturnType<typeof userEvent.setup>) {
  await user.type(await screen.findByLabelText(/이메일/, { selector: "input" }, SLOW), "owner@demo.kr");
  await user.type(screen.getByLabelText(/비밀번호/, { selector: "input" }), "demo-pass-2026");
  await user.click(screen.getByRole("button", { name: "로그인" }));
}

describe("signing in with a second factor", () => {
  it("asks for the authenticator's code after the password, and says so when it is wrong", async () => {
    const seen = secondFactorApi("verify");
    const user = userEvent.setup({ delay: null });
    renderApp();
    await typePassword(user);

    const code = await screen.findByLabelText(/인증 코드/, { selector: "input" }, SLOW);
    await user.type(code, "654321");
    await user.click(screen.getByRole("button", { name: "확인" }));
    expect(
      await screen.findByText("인증 코드가 맞지 않습니다. 앱에 지금 표시된 코드를 입력해 주세요"),
    ).toBeInTheDocument();
    await user.clear(code);
    await user.type(code, "123456");
    await user.click(screen.getByRole("button", { name: "확인" }));

    expect(await screen.findByTestId("dashboard-counts", undefined, SLOW)).toBeInTheDocument();
    expect(seen.map((s) => s.path)).toEqual(["login", "verify", "verify"]);
    expect(seen[2]!.body).toEqual({ code: "123456" });
  });

  it("walks an owner without an authenticator through enrolment (QR code and key) into the admin", async () => {
    const seen = secondFactorApi("enroll");
    const user = userEvent.setup({ delay: null });
    renderApp();
    await typePassword(user);

    expect(await screen.findByText(/2단계 인증이 필요합니다/, undefined, SLOW)).toBeInTheDocument();
    expect(await screen.findByTestId("totp-secret")).toHaveTextContent(SECRET);
    expect(screen.getByTitle("인증 앱 등록용 QR 코드")).toBeInTheDocument();
    await user.type(screen.getByLabelText(/인증 코드/, { selector: "input" }), "246810");
    await user.click(screen.getByRole("button", { name: "등록하고 켜기" }));

    expect(await screen.findByTestId("dashboard-counts", undefined, SLOW)).toBeInTheDocument();
    expect(seen.at(-1)).toEqual({ path: "enable", body: { code: "246810" } });
  });
});

describe("my account", () => {
  it("shows the API's reason under the new password when it is refused", async () => {
    server.use(
      http.post(`${API_URL}/auth/password`, () =>
        HttpResponse.json(
          {
            code: "validation_failed",
            message: "Some fields are invalid",
            errors: { newPassword: "This is one of the most common passwords" },
          },
          { status: 400 },
        ),
      ),
    );
    const user = userEvent.setup({ delay: null });
    renderApp({ as: "cs", route: "#/account" });
    await user.type(
      await screen.findByLabelText(/현재 비밀번호/, { selector: "input" }, SLOW),
      "demo-pass-2026",
    );
    await user.type(screen.getByLabelText(/새 비밀번호/, { selector: "input" }), "password123");
    await user.click(screen.getByRole("button", { name: "비밀번호 변경" }));
    expect(await screen.findByText("This is one of the most common passwords")).toBeInTheDocument();
    expect(screen.getByTestId("two-factor-card")).toHaveTextContent("꺼짐");
  });
});
