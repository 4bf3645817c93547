import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApi, startApi } from "./api-server";
import { ARTIFACTS, launchChromium } from "./chromium";
import { api, bookTodaysVisit, serialOfVisit, technicianOnPhone } from "./technician-visit";

describe("a technician completes a visit on a phone, signature and all, through a lost connection", () => {
  let server: RunningApi;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startApi();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("sees today's visit with map and phone links, enters the serial, signs, and the completion survives going offline", async () => {
    // The manager books a visit for today with 정기사; the technician opens the day on a phone.
    const visitId = await bookTodaysVisit(browser, server.url);
    const technician = await technicianOnPhone(browser, server.url);
    const phone = technician.phone;
    page = technician.page;
    const card = page.getByTestId(`stop-visit-${visitId}`);
    await card.waitFor();
    await card.locator('a[href^="https://map.kakao.com/link/search/"]').waitFor();
    await expect(card.getByRole("link", { name: /^전화 / }).getAttribute("href")).resolves.toMatch(
      /^tel:\d+$/,
    );
    await page.screenshot({ path: join(ARTIFACTS, "admin-e2e-technician-01-day.png"), fullPage: true });

    const serial = await serialOfVisit(page, visitId);
    await card.getByRole("button", { name: "방문 완료 입력" }).click();
    await card.getByLabel("제품 일련번호").fill(serial);
    await card.getByLabel("작업 내용").fill("필터 교체, 누수 점검 이상 없음");
    await card.getByLabel("사용 부품").fill("세디먼트 필터 1");
    // The customer signs on the screen with a finger (pointer events).
    const pad = card.getByTestId("signature-canvas");
    const box = (await pad.boundingBox())!;
    await page.mouse.move(box.x + 20, box.y + box.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 12; i++) {
      await page.mouse.move(box.x + 20 + i * 20, box.y + box.height / 2 + (i % 2 ? -15 : 15));
    }
    await page.mouse.up();
    await page.screenshot({ path: join(ARTIFACTS, "admin-e2e-technician-02-signed.png"), fullPage: true });

    // The connection drops right as the visit is completed: it waits on the phone…
    await phone.setOffline(true);
    await card.getByRole("button", { name: "방문 완료", exact: true }).click();
    await card.getByText("전송 대기").waitFor();
    await page.screenshot({ path: join(ARTIFACTS, "admin-e2e-technician-03-queued.png"), fullPage: true });
    // …and goes out by itself once the phone is back online.
    await phone.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event("online")));
    await card.getByText("완료", { exact: true }).waitFor({ timeout: 30_000 });
    const done = await api<{
      status: string;
      signed: boolean;
      partsUsed: { name: string; quantity: number }[];
    }>(page, `/service-visits/${visitId}`);
    expect(done.json).toMatchObject({
      status: "completed",
      signed: true,
      partsUsed: [{ name: "세디먼트 필터", quantity: 1 }],
    });
    await page.screenshot({ path: join(ARTIFACTS, "admin-e2e-technician-04-done.png"), fullPage: true });
  });
});
