import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { HttpResponse, http } from "msw";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { API_URL } from "../../api-url";
import { GANGNAM_RESULT, installFakePostcode } from "../../test/fake-postcode";
import { server } from "../../test/setup";
import { ApplyPage } from "./ApplyPage";
import type { ApplyOutcome, PublicPartner } from "./apply-api";

const partner: PublicPartner = {
  name: "데모렌탈",
  slug: "demo",
  kakaoEnabled: true,
  termsVersion: "2026-11",
  plans: [
    {
      id: 1,
      name: "냉온정수기 36개월 렌탈",
      productName: "CHP-7210N 냉온정수기",
      productModel: "CHP-7210N",
      category: "정수기",
      kind: "rental",
      monthlyFee: 29900,
      termMonths: 36,
      mandatoryMonths: 36,
      registrationFee: 100000,
      registrationFeeWaived: false,
      discountAmount: 0,
      discountMonths: 0,
    },
    {
      id: 2,
      name: "냉온정수기 60개월 렌탈",
      productName: "CHP-7210N 냉온정수기",
      productModel: "CHP-7210N",
      category: "정수기",
      kind: "rental",
      monthlyFee: 27900,
      termMonths: 60,
      mandatoryMonths: 36,
      registrationFee: 100000,
      registrationFeeWaived: true,
      discountAmount: 5000,
      discountMonths: 6,
    },
  ],
};

/** The public signup API with a phone code of 123456; `received` holds every apply body. */
function applyHandlers(
  outcome: ApplyOutcome,
  options: { applicant?: Record<string, string | null>; contractSent?: boolean } = {},
) {
  let applicant = options.applicant ?? null;
  const received: unknown[] = [];
  server.use(
    http.get(`${API_URL}/public/partners/demo`, () => HttpResponse.json(partner)),
    http.get(`${API_URL}/public/partners/:slug`, () =>
      HttpResponse.json({ code: "not_found", message: "찾을 수 없는 페이지입니다." }, { status: 404 }),
    ),
    http.get(`${API_URL}/public/applicant`, () =>
      applicant
        ? HttpResponse.json(applicant)
        : HttpResponse.json({ code: "applicant_required", message: "먼저 가입해 주세요." }, { status: 401 }),
    ),
    http.post(`${API_URL}/public/verify-phone`, () =>
      HttpResponse.json({ sent: true, expiresInSeconds: 300 }),
    ),
    http.post(`${API_URL}/public/verify-phone/confirm`, async ({ request }) => {
      const body = (await request.json()) as { code: string };
      if (body.code !== "123456")
        return HttpResponse.json(
          { code: "code_invalid", message: "인증번호가 맞지 않거나 만료되었습니다.", remainingAttempts: 4 },
          { status: 400 },
        );
      applicant = { method: "phone", name: null, email: null, phone: "01012345678", birthDate: null };
      return HttpResponse.json({ verified: true });
    }),
    http.post(`${API_URL}/public/apply/demo`, async ({ request }) => {
      received.push(await request.json());
      return HttpResponse.json(
        { orderId: 41, outcome, message: "…", contractSent: options.contractSent ?? outcome === "approved" },
        { status: 201 },
      );
    }),
  );
  return received;
}

type User = ReturnType<typeof userEvent.setup>;

/** Typing into MUI inputs key by key is slow under jsdom; a paste is one change, as on a phone. */
async function fill(user: User, element: HTMLElement, text: string) {
  await user.click(element);
  await user.paste(text);
}

async function pickPlanAndVerifyPhone(user: User) {
  render(<ApplyPage slug="demo" />);
  const plan2 = await screen.findByTestId("plan-card-2");
  expect(plan2).toHaveTextContent("27,900원");
  expect(plan2).toHaveTextContent("6개월간 월 5,000원 할인");
  await user.click(within(plan2).getByTestId("plan-2"));

  expect(screen.getByTestId("kakao-button")).toHaveAttribute(
    "href",
    "/api/public/auth/kakao/start?partner=demo",
  );
  await fill(user, screen.getByTestId("signup-email-input"), "minji@example.kr");
  await fill(user, screen.getByTestId("signup-phone-input"), "010-1234-5678");
  await user.click(screen.getByTestId("send-code-button"));
  await fill(user, await screen.findByTestId("code-input"), "111111");
  await user.click(screen.getByTestId("confirm-code-button"));
  expect(await screen.findByTestId("signup-error")).toHaveTextContent("남은 시도 횟수: 4회");
  await user.clear(screen.getByTestId("code-input"));
  await fill(user, screen.getByTestId("code-input"), "123456");
  await user.click(screen.getByTestId("confirm-code-button"));
  await screen.findByTestId("name-input");
}

async function completeDetailsAndConsent(user: User, details: { name?: string; birthDate?: string }) {
  if (details.name) await fill(user, screen.getByTestId("name-input"), details.name);
  if (details.birthDate) await fill(user, screen.getByTestId("apply-birthdate-input"), details.birthDate);
  await fill(user, screen.getByTestId("address-input"), "서울시 마포구 월드컵로 10, 3층");
  await user.selectOptions(screen.getByTestId("billing-day-select"), "25");
  await user.click(screen.getByTestId("details-next-button"));

  expect(await screen.findByTestId("terms-version")).toHaveTextContent("2026-11");
  const submit = screen.getByTestId("submit-button");
  await user.click(screen.getByTestId("consent-privacy"));
  expect(submit).toBeDisabled();
  await user.click(screen.getByTestId("consent-creditInquiry"));
  await user.click(submit);
}

/** Back from Kakao with plan 1 chosen before leaving: the form starts prefilled at the details. */
function returnFromKakao() {
  window.sessionStorage.setItem("ssp-apply:demo:plan", "1");
  render(<ApplyPage slug="demo" signup="kakao" />);
}

const kakaoApplicant = {
  method: "kakao",
  name: "이카카",
  email: "kakao@example.kr",
  phone: "01098765432",
  birthDate: "1985-07-01",
};

describe("the partner's public application page", () => {
  beforeEach(() => window.sessionStorage.clear());
  afterEach(() => {
    delete window.daum;
  });

  it("sends exactly what the customer entered and agreed to", async () => {
    const received = applyHandlers("approved");
    const user = userEvent.setup();
    await pickPlanAndVerifyPhone(user);
    expect(screen.getByTestId("email-input")).toHaveValue("minji@example.kr");
    await completeDetailsAndConsent(user, { name: "김민지", birthDate: "19900315" });
    const result = await screen.findByTestId("apply-result");
    expect(result).toHaveTextContent("심사가 승인되었습니다. 계약서를 이메일로 보내드렸습니다.");
    expect(received).toEqual([
      {
        name: "김민지",
        birthDate: "1990-03-15",
        phone: "010-1234-5678",
        email: "minji@example.kr",
        consents: { privacy: true, creditInquiry: true, marketing: false },
        termsVersion: "2026-11",
        planId: 2,
        installAddress: "서울시 마포구 월드컵로 10, 3층",
        billingDay: 25,
      },
    ]);
  });

  it("fills the install address from the postcode search and sends postcode, road address and detail apart", async () => {
    const received = applyHandlers("approved", { applicant: kakaoApplicant });
    const fake = installFakePostcode(GANGNAM_RESULT);
    const user = userEvent.setup();
    returnFromKakao();
    await screen.findByTestId("name-input");
    await user.click(screen.getByTestId("postcode-search-button"));
    const detail = screen.getByTestId("address-detail-input");
    await waitFor(() => expect(detail).toHaveFocus());
    await user.paste("강남파이낸스센터 10층");
    await user.selectOptions(screen.getByTestId("billing-day-select"), "25");
    await user.click(screen.getByTestId("details-next-button"));
    await user.click(await screen.findByTestId("consent-privacy"));
    await user.click(screen.getByTestId("consent-creditInquiry"));
    await user.click(screen.getByTestId("submit-button"));
    await screen.findByTestId("apply-result");
    expect(fake.embeds).toHaveLength(1);
    expect(received).toMatchObject([
      {
        installPostcode: "06236",
        installAddress: "서울 강남구 테헤란로 152",
        installAddressDetail: "강남파이낸스센터 10층",
      },
    ]);
  });

  it.each([
    ["review", "심사 중입니다"],
    ["declined", "렌탈 신청을 진행하기 어렵습니다"],
  ] as const)("tells the customer the outcome: %s", async (outcome, text) => {
    const received = applyHandlers(outcome, { applicant: kakaoApplicant });
    const user = userEvent.setup();
    returnFromKakao();
    expect(await screen.findByTestId("name-input")).toHaveValue("이카카");
    await completeDetailsAndConsent(user, {});
    const result = await screen.findByTestId("apply-result");
    expect(result).toHaveAttribute("data-outcome", outcome);
    expect(result).toHaveTextContent(text);
    expect(result).toHaveTextContent("신청번호 41");
    expect(received).toMatchObject([
      { name: "이카카", birthDate: "1985-07-01", phone: "01098765432", email: "kakao@example.kr", planId: 1 },
    ]);
  });

  it("shows the API's field errors under the inputs", async () => {
    applyHandlers("approved", { applicant: kakaoApplicant });
    server.use(
      http.post(`${API_URL}/public/apply/demo`, () =>
        HttpResponse.json(
          {
            code: "validation_failed",
            message: "Invalid request",
            errors: { installAddress: "설치 주소를 입력해 주세요" },
          },
          { status: 400 },
        ),
      ),
    );
    const user = userEvent.setup();
    returnFromKakao();
    await screen.findByTestId("name-input");
    await completeDetailsAndConsent(user, {});
    expect(await screen.findByText("설치 주소를 입력해 주세요")).toBeInTheDocument();
    expect(screen.getByTestId("address-input")).toHaveAttribute("aria-invalid", "true");
  });

  it("sends the customer back to sign up when the API no longer knows them", async () => {
    applyHandlers("approved", { applicant: kakaoApplicant });
    server.use(
      http.post(`${API_URL}/public/apply/demo`, () =>
        HttpResponse.json(
          { code: "applicant_required", message: "먼저 카카오 또는 휴대폰 인증으로 가입해 주세요." },
          { status: 401 },
        ),
      ),
    );
    const user = userEvent.setup();
    returnFromKakao();
    await screen.findByTestId("name-input");
    await completeDetailsAndConsent(user, {});
    expect(await screen.findByTestId("send-code-button")).toBeInTheDocument();
    expect(screen.getByText("먼저 카카오 또는 휴대폰 인증으로 가입해 주세요.")).toBeInTheDocument();
  });

  it("says the page cannot be found for an unknown partner", async () => {
    applyHandlers("approved");
    render(<ApplyPage slug="nobody" />);
    expect(await screen.findByTestId("apply-not-found")).toHaveTextContent("찾을 수 없는 페이지");
  });
});
