import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { HttpResponse, http } from "msw";
import { describe, expect, it, vi } from "vitest";
import { API_URL } from "../../api-url";
import { server } from "../../test/setup";
import { SigningPage } from "./SigningPage";

const TOKEN = "Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5d2FsZG8";
const BASE = `${API_URL}/public/sign/${TOKEN}`;
const PROOF = "proof-from-the-api";

const summary = {
  contractNumber: "C-2026-000123",
  customerName: "김민지",
  productName: "코웨이 정수기 P-300",
  monthlyFee: 29900,
  termMonths: 36,
  status: "sent",
  expiresAt: "2026-05-08T00:00:00.000Z",
  remainingAttempts: 5,
  clauses: [
    { id: "contract", title: "렌탈 계약 내용에 동의합니다" },
    { id: "penalty", title: "위약금 규정에 동의합니다" },
    { id: "coolingOff", title: "청약철회 안내를 확인했습니다" },
    { id: "privacy", title: "개인정보 수집·이용에 동의합니다" },
  ],
};

interface Seen {
  proof: string | null;
  body: unknown;
}

/** The signing API for one good link; `seen` collects what the page sent where. */
function signingHandlers(base = BASE) {
  const seen: Record<"verify" | "sign" | "card", Seen[]> = { verify: [], sign: [], card: [] };
  server.use(
    http.get(base, () => HttpResponse.json(summary)),
    http.post(`${base}/verify`, async ({ request }) => {
      const body = (await request.json()) as { birthDate: string };
      seen.verify.push({ proof: null, body });
      if (body.birthDate !== "1990-03-15")
        return HttpResponse.json(
          {
            code: "verification_failed",
            message: "생년월일이 일치하지 않습니다. (남은 횟수 3회)",
            remainingAttempts: 3,
          },
          { status: 401 },
        );
      return HttpResponse.json({ verified: true, proof: PROOF });
    }),
    http.get(`${base}/pdf`, ({ request }) => {
      if (request.headers.get("x-signing-proof") !== PROOF)
        return HttpResponse.json({ code: "verification_required", message: "본인 확인" }, { status: 401 });
      return new HttpResponse(new Uint8Array([37, 80, 68, 70]), {
        headers: { "Content-Type": "application/pdf" },
      });
    }),
    http.post(`${base}/sign`, async ({ request }) => {
      seen.sign.push({ proof: request.headers.get("x-signing-proof"), body: await request.json() });
      return HttpResponse.json({ status: "signed", sealedSha256: "ab".repeat(32) });
    }),
    http.post(`${base}/payment-method`, async ({ request }) => {
      const body = (await request.json()) as { cardNumber: string; expiry: string };
      seen.card.push({ proof: request.headers.get("x-signing-proof"), body });
      if (body.cardNumber === "4000000000000002")
        return HttpResponse.json(
          { code: "card_declined", message: "카드사에서 승인을 거절했습니다." },
          { status: 422 },
        );
      return HttpResponse.json({ id: 7, gateway: "sandbox", display: "카드 ****4242", status: "active" });
    }),
  );
  return seen;
}

type User = ReturnType<typeof userEvent.setup>;

/** One paste instead of key-by-key typing: MUI inputs are slow to type into under jsdom. */
async function fill(user: User, element: HTMLElement, text: string) {
  await user.click(element);
  await user.paste(text);
}

async function verify(user: User, birthDate: string) {
  await fill(user, await screen.findByTestId("birthdate-input"), birthDate);
  await user.click(screen.getByTestId("verify-button"));
}

describe("the customer's signing page", () => {
  it("names the rental company with its registration details (issue 15)", async () => {
    server.use(
      http.get(BASE, () =>
        HttpResponse.json({
          ...summary,
          partner: {
            name: "데모렌탈",
            businessNumber: "214-87-65433",
            representative: "김대표",
            address: "(06236) 서울특별시 강남구 테헤란로 152, 12층",
            csPhone: "1588-0000",
            logoUrl: null,
          },
        }),
      ),
    );
    render(<SigningPage token={TOKEN} />);
    const footer = await screen.findByTestId("partner-footer");
    expect(screen.getByTestId("partner-header").textContent).toContain("데모렌탈");
    for (const text of ["데모렌탈", "김대표", "214-87-65433", "테헤란로 152", "1588-0000"])
      expect(footer.textContent).toContain(text);
  });

  it("explains an expired link on a full page with the API's message", async () => {
    server.use(
      http.get(BASE, () =>
        HttpResponse.json(
          {
            code: "link_expired",
            message: "서명 기한이 지난 링크입니다. 담당자에게 재발송을 요청해 주세요.",
          },
          { status: 410 },
        ),
      ),
    );
    render(<SigningPage token={TOKEN} />);
    const page = await screen.findByTestId("signing-error-link_expired");
    expect(page).toHaveTextContent("서명 기한이 지났습니다");
    expect(page).toHaveTextContent("담당자에게 재발송을 요청해 주세요.");
    expect(screen.queryByTestId("birthdate-input")).not.toBeInTheDocument();
  });

  it("shows the attempts the API says are left after a wrong birth date", async () => {
    const seen = signingHandlers();
    const user = userEvent.setup();
    render(<SigningPage token={TOKEN} />);
    expect(await screen.findByTestId("remaining-attempts")).toHaveTextContent("5회");
    await verify(user, "19900316");
    expect(await screen.findByTestId("verify-error")).toHaveTextContent("생년월일이 일치하지 않습니다");
    expect(screen.getByTestId("remaining-attempts")).toHaveTextContent("3회");
    expect(seen.verify[0]?.body).toEqual({ birthDate: "1990-03-16" });
    expect(screen.queryByTestId("sign-button")).not.toBeInTheDocument();
  });

  it("signs only once every clause is agreed, sending the proof and each agreement", async () => {
    const seen = signingHandlers();
    const user = userEvent.setup();
    render(<SigningPage token={TOKEN} />);
    await verify(user, "1990-03-15");

    // Fetched with the proof in a header and shown from a blob: URL; no proof in any address.
    const viewer = await screen.findByTestId("pdf-viewer");
    expect(viewer.getAttribute("src")).toMatch(/^blob:/);
    expect(screen.getByTestId("pdf-open-link").getAttribute("href")).toBe(viewer.getAttribute("src"));
    expect(document.body.innerHTML).not.toContain(PROOF);
    await user.click(screen.getByTestId("signature-mode-toggle"));
    await fill(user, screen.getByTestId("typed-signature-input"), "김민지");

    const signButton = screen.getByTestId("sign-button");
    for (const clause of summary.clauses) {
      expect(signButton).toBeDisabled();
      await user.click(screen.getByTestId(`clause-${clause.id}`));
    }
    expect(signButton).toBeEnabled();
    await user.click(signButton);

    await screen.findByTestId("card-number-input");
    expect(seen.sign).toEqual([
      {
        proof: PROOF,
        body: {
          agreements: { contract: true, penalty: true, coolingOff: true, privacy: true },
          signature: { kind: "typed", text: "김민지" },
        },
      },
    ]);
  });

  it("signs a name transfer's agreement on /public/transfer and ends without a card step", async () => {
    const seen = signingHandlers(`${API_URL}/public/transfer/${TOKEN}`);
    const user = userEvent.setup();
    render(<SigningPage token={TOKEN} kind="transfer" />);
    await verify(user, "1990-03-15");
    await user.click(await screen.findByLabelText("전체 동의"));
    await user.click(screen.getByTestId("signature-mode-toggle"));
    await fill(user, screen.getByTestId("typed-signature-input"), "김민지");
    await user.click(screen.getByTestId("sign-button"));

    const done = await screen.findByTestId("done-message");
    expect(done).toHaveTextContent("명의변경이 완료되었습니다");
    expect(screen.queryByTestId("card-number-input")).not.toBeInTheDocument();
    expect(seen.sign).toHaveLength(1);
  });

  it("shows a declined card's message and lets the customer retry with another card", async () => {
    const seen = signingHandlers();
    const user = userEvent.setup();
    render(<SigningPage token={TOKEN} />);
    await verify(user, "1990-03-15");
    await user.click(await screen.findByLabelText("전체 동의"));
    await user.click(screen.getByTestId("signature-mode-toggle"));
    await fill(user, screen.getByTestId("typed-signature-input"), "김민지");
    await user.click(screen.getByTestId("sign-button"));

    const cardNumber = await screen.findByTestId("card-number-input");
    await fill(user, cardNumber, "4000000000000002");
    await fill(user, screen.getByTestId("card-expiry-input"), "1230");
    await user.click(screen.getByTestId("register-card-button"));
    expect(await screen.findByTestId("card-error")).toHaveTextContent("카드사에서 승인을 거절했습니다.");

    await user.clear(cardNumber);
    await fill(user, cardNumber, "4242 4242 4242 4242");
    await user.click(screen.getByTestId("register-card-button"));

    const done = await screen.findByTestId("done-message");
    expect(done).toHaveTextContent("C-2026-000123");
    expect(done).toHaveTextContent("ab".repeat(32));
    expect(seen.card.map((c) => c.body)).toEqual([
      { cardNumber: "4000000000000002", expiry: "12/30" },
      { cardNumber: "4242424242424242", expiry: "12/30" },
    ]);
    expect(seen.card.every((c) => c.proof === PROOF)).toBe(true);
  });

  it("declines with the customer's reason and says the contract is cancelled", async () => {
    signingHandlers();
    let declined: { proof: string | null; body: unknown } | null = null;
    server.use(
      http.post(`${BASE}/decline`, async ({ request }) => {
        declined = { proof: request.headers.get("x-signing-proof"), body: await request.json() };
        return HttpResponse.json({ status: "cancelled" });
      }),
    );
    const user = userEvent.setup();
    render(<SigningPage token={TOKEN} />);
    await verify(user, "1990-03-15");
    await user.click(await screen.findByTestId("decline-button"));
    await user.click(screen.getByTestId("decline-reason-input"));
    await user.paste("요금이 생각보다 높아요");
    await user.click(screen.getByTestId("decline-confirm-button"));
    expect(await screen.findByTestId("declined-message")).toHaveTextContent("서명을 거절하셨습니다");
    expect(declined).toEqual({ proof: PROOF, body: { reason: "요금이 생각보다 높아요" } });
  });

  it("shows the lock page when the last wrong birth date locks the link", async () => {
    signingHandlers();
    server.use(
      http.post(`${BASE}/verify`, () =>
        HttpResponse.json(
          {
            code: "link_locked",
            message: "본인 확인에 5회 실패하여 링크가 잠겼습니다. 고객센터로 문의해 주세요.",
          },
          { status: 423 },
        ),
      ),
    );
    const user = userEvent.setup();
    render(<SigningPage token={TOKEN} />);
    await verify(user, "1990-01-01");
    expect(await screen.findByTestId("signing-error-link_locked")).toHaveTextContent("링크가 잠겼습니다");
    await waitFor(() => expect(screen.queryByTestId("verify-button")).not.toBeInTheDocument());
  });

  it("offers KakaoPay when the gateway has its own page, sending the proof and leaving for KakaoPay", async () => {
    signingHandlers();
    const starts: (string | null)[] = [];
    server.use(
      http.get(BASE, () => HttpResponse.json({ ...summary, redirectPayment: "kakaopay" })),
      http.post(`${BASE}/kakaopay-start`, ({ request }) => {
        starts.push(request.headers.get("x-signing-proof"));
        return HttpResponse.json({ redirectUrl: "https://online-pay.kakao.com/mockup/v1/T1/mInfo" });
      }),
    );
    const assign = vi.fn();
    const original = window.location;
    Object.defineProperty(window, "location", {
      configurable: true,
      value: { ...original, assign, search: "" },
    });
    try {
      const user = userEvent.setup();
      render(<SigningPage token={TOKEN} />);
      await verify(user, "1990-03-15");
      await user.click(await screen.findByLabelText("전체 동의"));
      await user.click(screen.getByTestId("signature-mode-toggle"));
      await fill(user, screen.getByTestId("typed-signature-input"), "김민지");
      await user.click(screen.getByTestId("sign-button"));
      await user.click(await screen.findByTestId("kakaopay-button"));
      await waitFor(() =>
        expect(assign).toHaveBeenCalledWith("https://online-pay.kakao.com/mockup/v1/T1/mInfo"),
      );
      expect(starts).toEqual([PROOF]);
    } finally {
      Object.defineProperty(window, "location", { configurable: true, value: original });
    }
  });

  it("says how the KakaoPay registration went when the customer comes back", async () => {
    const original = window.location;
    Object.defineProperty(window, "location", {
      configurable: true,
      value: { ...original, search: "?payment=done" },
    });
    try {
      render(<SigningPage token={TOKEN} />);
      expect(await screen.findByTestId("payment-returned-done")).toHaveTextContent(
        "자동결제 등록이 완료되었습니다",
      );
    } finally {
      Object.defineProperty(window, "location", { configurable: true, value: original });
    }
  });
});

describe("a link opened again after signing (issue 15)", () => {
  it("goes straight from verification to card registration when no card is registered", async () => {
    const seen = signingHandlers();
    server.use(
      http.get(BASE, () =>
        HttpResponse.json({ ...summary, status: "signed", signed: true, paymentMethod: null }),
      ),
    );
    const user = userEvent.setup();
    render(<SigningPage token={TOKEN} />);
    await verify(user, "1990-03-15");
    await fill(user, await screen.findByTestId("card-number-input"), "4242424242424242");
    await fill(user, screen.getByTestId("card-expiry-input"), "1230");
    await user.click(screen.getByTestId("register-card-button"));
    const done = await screen.findByTestId("done-message");
    expect(done).toHaveTextContent("카드 ****4242");
    expect(screen.queryByTestId("done-sealed-sha256")).toBeNull();
    expect(seen.sign).toHaveLength(0);
    expect(seen.card[0]?.proof).toBe(PROOF);
  });

  it("shows the done page when the card is already registered", async () => {
    const seen = signingHandlers();
    server.use(
      http.get(BASE, () =>
        HttpResponse.json({
          ...summary,
          status: "active",
          signed: true,
          paymentMethod: { display: "카드 **** 1111" },
        }),
      ),
    );
    const user = userEvent.setup();
    render(<SigningPage token={TOKEN} />);
    await verify(user, "1990-03-15");
    const done = await screen.findByTestId("done-message");
    expect(done).toHaveTextContent("C-2026-000123");
    expect(done).toHaveTextContent("카드 **** 1111");
    expect(seen.card).toHaveLength(0);
  });
});
