import { join } from "node:path";
import { type ParsedMail, simpleParser } from "mailparser";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApi, startApi } from "./api-server";
import { ARTIFACTS, launchChromium } from "./chromium";

/** A real SMTP server in the test process: the API's e-mail lands here and the test reads it. */
async function startInbox() {
  const received: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    async waitFor(to: string, timeoutMs = 30_000): Promise<ParsedMail> {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const mail = received.find((m) => JSON.stringify(m.to ?? "").includes(to));
        if (mail) return mail;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`No mail to ${to}; got: ${received.map((m) => m.subject).join(", ") || "nothing"}`);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const POSTCODE_SCRIPT_URL = "https://t1.daumcdn.net/mapjsapi/bundle/postcode/prod/postcode.v2.js";
/** The postcode script's stand-in: `embed` answers with a result in the documented shape. */
const FAKE_POSTCODE_SCRIPT = `
window.daum = {
  Postcode: function (options) {
    this.embed = function () {
      setTimeout(function () {
        options.oncomplete({
          zonecode: "06236", address: "서울 강남구 테헤란로 152", addressType: "R", userSelectedType: "R",
          roadAddress: "서울 강남구 테헤란로 152", jibunAddress: "서울 강남구 역삼동 737",
          autoRoadAddress: "", buildingName: "강남파이낸스센터", bname: "역삼동",
        });
      }, 50);
    };
    this.open = this.embed;
  },
};`;

describe("the funnel: staff take an order, the customer signs and registers a card on a phone", () => {
  let api: RunningApi;
  let inbox: Awaited<ReturnType<typeof startInbox>>;
  let browser: Browser;
  let staff: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    inbox = await startInbox();
    // startApi passes its own environment on to the API process.
    process.env.SMTP_URL = inbox.url;
    api = await startApi();
    browser = await launchChromium();
    staff = await browser.newContext({ locale: "ko-KR", viewport: { width: 1280, height: 900 } });
    page = await staff.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
    await inbox?.close();
    delete process.env.SMTP_URL;
  });

  const shot = (p: Page, name: string) =>
    p.screenshot({ path: join(ARTIFACTS, `funnel-${name}.png`), fullPage: true });

  it("goes from a new customer to a signed, sealed contract with auto-pay", async () => {
    const suffix = Date.now().toString(36);
    const name = `퍼널고객${suffix.slice(-4)}`;
    const email = `funnel-${suffix}@example.kr`;
    const phone = `010-${String(Date.now()).slice(-8, -4)}-${String(Date.now()).slice(-4)}`;

    // Staff log in.
    await page.goto(api.url);
    await page.getByLabel("이메일").fill("manager@demo.kr");
    await page.locator('input[name="password"]').fill("demo-pass-2026");
    await page.getByRole("button", { name: "로그인" }).click();
    await page.getByRole("menuitem", { name: "주문" }).waitFor();

    // A customer with an e-mail and credit-inquiry consent; 1900-01-03 makes the sandbox bureau approve.
    await page.goto(`${api.url}/#/customers/create`);
    await page.getByRole("textbox", { name: "이름" }).fill(name);
    await page.getByLabel("생년월일").fill("1900-01-03");
    await page.getByRole("textbox", { name: "휴대전화" }).fill(phone);
    await page.getByRole("textbox", { name: "이메일" }).fill(email);
    // The address from the postcode search: its script (served here by a stand-in that answers
    // as a user picking 강남파이낸스센터 would) fills postcode and road address, the detail is typed.
    await page.route(POSTCODE_SCRIPT_URL, (route) =>
      route.fulfill({ contentType: "text/javascript", body: FAKE_POSTCODE_SCRIPT }),
    );
    await page.getByRole("button", { name: "주소 검색" }).click();
    const detail = page.getByRole("textbox", { name: "상세 주소" });
    await expect.poll(() => detail.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.getByRole("textbox", { name: "우편번호" }).inputValue()).toBe("06236");
    expect(await page.getByRole("textbox", { name: "주소", exact: true }).inputValue()).toBe(
      "서울 강남구 테헤란로 152",
    );
    await detail.fill("10층");
    await page.getByLabel("개인정보 수집·이용 동의").check();
    await page.getByLabel("신용정보 조회 동의").check();
    await shot(page, "01-customer-create");
    await page.getByRole("button", { name: "저장" }).click();
    await page.waitForURL(/#\/customers\/[^/]+\/show/);
    await page.getByText(phone).waitFor();
    await page.getByText("06236").waitFor();
    await page.getByText("10층").waitFor();

    // An order for that customer.
    await page.goto(`${api.url}/#/orders/create`);
    const customerBox = page.getByRole("combobox", { name: "고객" });
    await customerBox.fill(name);
    await page.getByRole("option", { name }).click();
    await page.getByRole("combobox", { name: "요금제" }).click();
    await page.getByRole("option").first().click();
    await page.getByRole("listbox").waitFor({ state: "hidden" });
    await page.getByRole("textbox", { name: "설치 주소" }).fill("서울특별시 강남구 테헤란로 152");
    await page.getByRole("textbox", { name: "상세 주소" }).fill("10층");
    await page.getByRole("spinbutton", { name: "결제일" }).fill("5");
    await shot(page, "02-order-create");
    const created = page.waitForResponse(
      (r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/api/orders",
    );
    await page.getByRole("button", { name: "저장" }).click();
    const order = (await (await created).json()) as { id: number; status: string };
    expect(order.status).toBe("received");
    await page.waitForURL(new RegExp(`#/orders/${order.id}/show`));

    // Credit check → approved.
    const checked = page.waitForResponse((r) => r.url().endsWith(`/api/orders/${order.id}/credit-check`));
    await page.getByRole("button", { name: "신용조회" }).click();
    const check = (await (await checked).json()) as { status: string; creditCheck: { outcome: string } };
    expect(check.creditCheck.outcome).toBe("approved");
    await page.getByRole("button", { name: "계약서 작성" }).waitFor();
    await shot(page, "03-credit-approved");

    // Draft the contract, then send it.
    const drafted = page.waitForResponse((r) => r.url().endsWith(`/api/orders/${order.id}/contract`));
    await page.getByRole("button", { name: "계약서 작성" }).click();
    const contract = (await (await drafted).json()) as { id: number; number: string; status: string };
    expect(contract.status).toBe("draft");
    const sent = page.waitForResponse((r) => r.url().endsWith(`/api/contracts/${contract.id}/send`));
    await page.getByRole("button", { name: "계약서 발송" }).click();
    expect((await sent).status()).toBe(200);
    await page.getByRole("button", { name: "계약서 재발송" }).waitFor();
    await page.getByTestId("order-timeline").getByText("계약발송").first().waitFor();
    await shot(page, "04-contract-sent");

    // The customer's e-mail carries the signing link.
    const mail = await inbox.waitFor(email);
    const text = `${mail.text ?? ""} ${typeof mail.html === "string" ? mail.html : ""}`;
    const link = text.match(/https?:\/\/[^\s"'<>]+\/sign\/[A-Za-z0-9_-]{43,}/)?.[0];
    expect(link, `no signing link in: ${text}`).toBeDefined();
    // The link's origin is the API's PUBLIC_URL (localhost:<port>); open it on the API we started.
    const signUrl = new URL(new URL(link!).pathname, api.url).toString();

    // A fresh browser context on a phone-sized screen: no staff session.
    const customer = await browser.newContext({
      locale: "ko-KR",
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    try {
      const phonePage = await customer.newPage();
      await phonePage.goto(signUrl);
      // The lessor is named on the phone, as the law asks: name, registration number, contact.
      await expect(phonePage.getByTestId("partner-header").textContent()).resolves.toContain("데모렌탈");
      await expect(phonePage.getByTestId("partner-footer").textContent()).resolves.toContain("214-87-65433");
      await phonePage.getByTestId("birthdate-input").fill("1900-01-03");
      await shot(phonePage, "05-sign-verify");
      await phonePage.getByTestId("verify-button").click();
      await phonePage.getByTestId("pdf-viewer").waitFor();
      await shot(phonePage, "06-sign-review");
      for (const clause of ["contract", "penalty", "coolingOff", "privacy"]) {
        await phonePage.getByTestId(`clause-${clause}`).check();
      }
      const pad = phonePage.getByTestId("signature-canvas");
      await pad.scrollIntoViewIfNeeded();
      const box = await pad.boundingBox();
      if (!box) throw new Error("the signature canvas has no box");
      await phonePage.mouse.move(box.x + box.width * 0.15, box.y + box.height * 0.6);
      await phonePage.mouse.down();
      for (let i = 1; i <= 12; i++) {
        await phonePage.mouse.move(
          box.x + box.width * (0.15 + i * 0.055),
          box.y + box.height * (0.6 - 0.25 * Math.sin(i / 2)),
          { steps: 2 },
        );
      }
      await phonePage.mouse.up();
      await shot(phonePage, "07-sign-signature");
      const signed = phonePage.waitForResponse((r) => /\/api\/public\/sign\/[^/]+\/sign$/.test(r.url()));
      await phonePage.getByTestId("sign-button").click();
      expect((await signed).status()).toBe(200);

      await phonePage.getByTestId("card-number-input").fill("4242 4242 4242 4242");
      await phonePage.getByTestId("card-expiry-input").fill("12/29");
      await shot(phonePage, "08-sign-card");
      await phonePage.getByTestId("register-card-button").click();
      await phonePage.getByTestId("done-message").waitFor();
      await shot(phonePage, "09-sign-done");
    } finally {
      await customer.close();
    }

    // Back with the staff: the contract is signed, its seal verifies, auto-pay is registered.
    await page.goto(`${api.url}/#/contracts/${contract.id}/show`);
    await page.reload();
    await page.getByText(contract.number).first().waitFor();
    await page.getByText("서명완료").first().waitFor();
    await page.getByText("무결성 확인됨").waitFor();
    const verify = await page.evaluate(async (id) => {
      const res = await fetch(`/api/contracts/${id}/verify`, { credentials: "include" });
      return (await res.json()) as { sealed: boolean; valid: boolean };
    }, contract.id);
    expect(verify).toMatchObject({ sealed: true, valid: true });
    await page.getByTestId("contract-events").getByText("서명").first().waitFor();
    await shot(page, "10-contract-signed");
  });
});
