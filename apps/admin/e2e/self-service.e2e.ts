import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtpInbox } from "../../api/test/support/smtp-inbox";
import { type RunningApi, startApi } from "./api-server";
import { ARTIFACTS, launchChromium } from "./chromium";
import { signIn } from "./sign-in";

/** A same-origin JSON call from the signed-in staff page (the session cookie goes along). */
const staffApi = <T>(page: Page, path: string): Promise<T> =>
  page.evaluate(async (path) => {
    const res = await fetch(`/api${path}`, {
      headers: { Accept: "application/json" },
      credentials: "include",
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json();
  }, path);

const filter = (f: object) => encodeURIComponent(JSON.stringify(f));

describe("a customer runs their own contract from the link in their e-mail, on a phone", () => {
  let server: RunningApi;
  let inbox: Awaited<ReturnType<typeof startSmtpInbox>>;
  let browser: Browser;

  beforeAll(async () => {
    inbox = await startSmtpInbox();
    // startApi passes its own environment on to the API process: the outbox mails to the inbox.
    process.env.SMTP_URL = inbox.url;
    server = await startApi();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await inbox?.close();
    delete process.env.SMTP_URL;
  });

  const shot = (p: Page, name: string) =>
    p.screenshot({ path: join(ARTIFACTS, `self-service-${name}.png`), fullPage: true });

  it("verifies by birth date, sees contract and invoices, replaces the card and asks for a relocation that reaches the CS queue", async () => {
    // The CS desk: which demo contract is active, and whose.
    const desk = await (await browser.newContext({ locale: "ko-KR" })).newPage();
    await desk.goto(server.url);
    await signIn(desk, "cs@demo.kr");
    const [contract] = await staffApi<{ id: number; number: string; customerId: number }[]>(
      desk,
      `/contracts?filter=${filter({ status: "active" })}&sort=${encodeURIComponent('["id","ASC"]')}&range=[0,0]`,
    );
    expect(contract).toBeDefined();
    const customer = await staffApi<{ name: string; email: string; birthDate: string }>(
      desk,
      `/customers/${contract!.customerId}`,
    );

    // The e-mail sent when the customer signed carries the link to their page.
    const mail = await inbox.waitFor(
      customer.email,
      new RegExp(`서명이 완료되었습니다 \\(${contract!.number}\\)`),
      30_000,
    );
    expect(mail.subject).toContain("[데모렌탈]");
    const link = mail.text?.match(/https?:\/\/\S+\/my\/[A-Za-z0-9_-]{40,}/)?.[0];
    expect(link, `no page link in: ${mail.text}`).toBeDefined();
    // The link's origin is the API's PUBLIC_URL (localhost:<port>); open it on the API we started.
    const pageUrl = new URL(new URL(link!).pathname, server.url).toString();

    const phone = await browser.newContext({
      locale: "ko-KR",
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    try {
      const page = await phone.newPage();
      await page.goto(pageUrl);
      // Before verification: whose contract this is, and the birth-date question.
      await page.getByText(`계약 ${contract!.number}`).waitFor();
      await page.getByText("본인 확인을 위해 생년월일을 입력해 주세요.").waitFor();
      await expect(page.getByTestId("partner-header").textContent()).resolves.toContain("데모렌탈");
      await shot(page, "01-verify");

      // A wrong birth date is refused with the attempts left; the right one opens the page.
      await page.getByLabel("생년월일 (예: 1990-01-31)").fill("1999-09-09");
      await page.getByRole("button", { name: "확인" }).click();
      await page.getByText("생년월일이 일치하지 않습니다. (남은 횟수 4회)").waitFor();
      // Typed on a phone keypad without dashes, as most people do.
      await page.getByLabel("생년월일 (예: 1990-01-31)").fill(customer.birthDate.replaceAll("-", ""));
      await page.getByRole("button", { name: "확인" }).click();

      // The contract and its invoices.
      const contractCard = page.getByRole("region", { name: "계약" });
      await contractCard.waitFor();
      await contractCard.getByText("상태: 이용 중").waitFor();
      await contractCard.getByText(/^월 요금: [\d,]+원$/).waitFor();
      await contractCard.getByText("자동결제: ").first().waitFor();
      // The sealed contract, as a PDF download named after the contract.
      const download = page.waitForEvent("download");
      await contractCard.getByRole("button", { name: "서명된 계약서 (PDF) 받기" }).click();
      const pdf = await download;
      expect(pdf.suggestedFilename()).toBe(`${contract!.number}.pdf`);
      const bytes = await readFile((await pdf.path())!);
      expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
      const invoices = page.getByRole("region", { name: "청구서와 영수증" });
      await invoices.getByTestId("invoice").first().waitFor();
      await expect(invoices.getByTestId("invoice").first().textContent()).resolves.toMatch(
        /\d{4}-\d{2}-\d{2} ~ \d{4}-\d{2}-\d{2} · [\d,]+원.*납부기한 \d{4}-\d{2}-\d{2}/,
      );
      await expect(page.getByTestId("partner-header").textContent()).resolves.toContain("데모렌탈");
      await expect(page.getByTestId("partner-footer").textContent()).resolves.toContain("데모렌탈");
      await shot(page, "02-overview");

      // A declined card is refused in Korean; a good one replaces the auto-pay card.
      // The outcome shows in the form, where the customer is on a phone, not at the top.
      const cardForm = page.getByRole("region", { name: "자동결제 카드 변경" });
      await cardForm.getByLabel("카드 번호").fill("4000 0000 0000");
      await cardForm.getByLabel("유효기간 (MM/YY)").fill("1130");
      await cardForm.getByRole("button", { name: "카드 변경" }).click();
      await cardForm.getByText("카드 번호를 정확히 입력해 주세요.").waitFor();
      await expect(cardForm.getByLabel("유효기간 (MM/YY)").inputValue()).resolves.toBe("11/30");
      await cardForm.getByLabel("카드 번호").fill("4000000000000002");
      await cardForm.getByRole("button", { name: "카드 변경" }).click();
      await cardForm.getByRole("alert").getByText(/거절/).waitFor();
      await cardForm.getByLabel("카드 번호").fill("5555555555554444");
      await expect(cardForm.getByLabel("카드 번호").inputValue()).resolves.toBe("5555 5555 5555 4444");
      await cardForm.getByRole("button", { name: "카드 변경" }).click();
      await cardForm.getByRole("status").getByText("자동결제 카드가 변경되었습니다.").waitFor();
      await contractCard.getByText(/^자동결제: .*4444/).waitFor();
      // The card number does not stay on the screen.
      await expect(cardForm.getByLabel("카드 번호").inputValue()).resolves.toBe("");
      await shot(page, "03-card-replaced");

      // A relocation request.
      const requestForm = page.getByRole("region", { name: "요청하기" });
      await requestForm.getByRole("combobox", { name: "요청 종류" }).click();
      await page.getByRole("option", { name: "이전설치 (이사)" }).click();
      await requestForm.getByLabel("내용").fill("다음 달 15일에 이사합니다. 정수기 이전 설치 부탁드립니다.");
      // Without the new address the API refuses, and the page says so in Korean on the field.
      await requestForm.getByRole("button", { name: "요청 보내기" }).click();
      await requestForm.getByRole("alert").getByText("입력 내용을 확인해 주세요.").waitFor();
      await requestForm.getByText("이전할 주소를 적어 주세요").waitFor();
      await requestForm.getByLabel("이전할 주소").fill("경기도 성남시 분당구 판교역로 235, 1202호");
      await requestForm.getByLabel("방문 희망일").fill("2030-01-15");
      await shot(page, "04-relocation-form");
      await requestForm.getByRole("button", { name: "요청 보내기" }).click();
      await requestForm
        .getByRole("status")
        .getByText("요청이 접수되었습니다. 담당자가 연락드립니다.")
        .waitFor();
      await page.getByRole("region", { name: "내 요청" }).getByText("이전설치 요청 · 접수").waitFor();
      await shot(page, "05-request-sent");
    } finally {
      await phone.close();
    }

    // In the CS queue: a relocation ticket from the customer, on that contract, with the address.
    await desk.goto(`${server.url}/#/tickets`);
    const row = desk.locator("table tbody tr").filter({ hasText: "이전설치 요청" });
    await row.first().waitFor();
    await shot(desk, "06-cs-queue");
    const tickets = await staffApi<
      { type: string; source: string; status: string; contractId: number; customerId: number; body: string }[]
    >(desk, `/tickets?filter=${filter({ type: "relocation" })}`);
    const ticket = tickets.find((t) => t.contractId === contract!.id);
    expect(ticket).toMatchObject({
      type: "relocation",
      source: "customer",
      status: "open",
      customerId: contract!.customerId,
    });
    expect(ticket!.body).toContain("이전할 주소: 경기도 성남시 분당구 판교역로 235, 1202호");
    expect(ticket!.body).toContain("희망일: 2030-01-15");
  });
});
