import { DEFAULT_ACCOUNT_CODES } from "@ssp/domain";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { API_URL } from "../api-url";
import { renderApp, SLOW } from "../test/render-app";
import { server } from "../test/setup";

const partner = {
  id: 1,
  name: "데모렌탈",
  slug: "demo",
  createdAt: "2026-01-05T01:00:00.000Z",
  settings: {
    credit: { approveAt: 700, reviewAt: 600 },
    dunning: { retryDays: [1, 3, 7], suspendAfterDays: 30, demandAfterInvoices: 3, demandDeadlineDays: 14 },
    notifications: { email: true, alimtalk: false },
    kakao: { enabled: false, restApiKey: "", clientSecretSet: true },
    messaging: { apiKey: "", pfId: "", senderPhone: "", templates: {}, apiSecretSet: false },
    lateInterest: { enabled: false, annualRatePercent: 6 },
    accounting: DEFAULT_ACCOUNT_CODES,
  },
};

describe("partner Kakao Login settings", () => {
  it("edits the REST API key and a write-only client secret, and shows the redirect URI to register", async () => {
    const sent: Record<string, unknown>[] = [];
    server.use(
      http.get(`${API_URL}/partners/1`, () => HttpResponse.json(partner)),
      http.put(`${API_URL}/partners/1`, async ({ request }) => {
        const body = (await request.json()) as Record<string, unknown>;
        sent.push(body);
        return HttpResponse.json({ ...partner, ...body });
      }),
    );
    const user = userEvent.setup({ delay: null });
    renderApp({ as: "owner", route: "#/partners/1" });

    const key = await screen.findByLabelText("카카오 REST API 키", undefined, SLOW);
    expect(screen.getByDisplayValue(`${API_URL}/public/auth/kakao/callback`)).toHaveAttribute("readonly");
    // The stored secret is never shown; the field starts empty.
    expect(screen.getByLabelText("카카오 Client Secret")).toHaveValue("");

    await user.click(screen.getByLabelText("카카오 로그인 사용"));
    // Pasted, not typed: the partner form is large, and each keystroke re-renders all of it.
    await user.click(key);
    await user.paste("kakao-rest-key");
    await user.click(screen.getByLabelText("카카오 Client Secret"));
    await user.paste("new-secret");
    await user.click(screen.getByRole("button", { name: "저장" }));

    await waitFor(() => expect(sent).toHaveLength(1), SLOW);
    expect((sent[0]!.settings as { kakao: unknown }).kakao).toMatchObject({
      enabled: true,
      restApiKey: "kakao-rest-key",
      clientSecret: "new-secret",
    });
  });
});
