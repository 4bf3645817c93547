import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApi, startApi } from "./api-server";
import { ARTIFACTS, launchChromium } from "./chromium";
import { signIn } from "./sign-in";

const seoulToday = () => new Date().toLocaleDateString("sv-SE", { timeZone: "Asia/Seoul" });

/** A same-origin JSON call from the signed-in page (the session cookie goes along). */
const api = <T>(page: Page, path: string, body?: object): Promise<{ status: number; json: T }> =>
  page.evaluate(
    async ({ path, body }) => {
      const res = await fetch(`/api${path}`, {
        method: body ? "POST" : "GET",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: body ? JSON.stringify(body) : undefined,
        credentials: "include",
      });
      return { status: res.status, json: await res.json() };
    },
    { path, body },
  );

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
    const today = seoulToday();
    // The manager books a visit for today with 정기사, picked from the technicians with their load.
    const desk = await (await browser.newContext({ locale: "ko-KR" })).newPage();
    await desk.goto(server.url);
    await signIn(desk, "manager@demo.kr");
    const techs = await api<{ id: number; name: string; load: number }[]>(desk, `/technicians?date=${today}`);
    const tech = techs.json.find((t) => t.name === "정기사")!;
    const contracts = await api<{ id: number }[]>(
      desk,
      `/contracts?filter=${encodeURIComponent(JSON.stringify({ status: "active" }))}&range=[0,0]`,
    );
    expect(contracts.json.length).toBe(1);
    const visit = await api<{ id: number; status: string }>(desk, "/service-visits", {
      contractId: contracts.json[0]!.id,
      scheduledOn: today,
      technicianId: tech.id,
      notes: "정기 점검",
    });
    expect([visit.status, visit.json.status]).toEqual([201, "assigned"]);

    // The technician, on a phone.
    const phone = await browser.newContext({
      locale: "ko-KR",
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    page = await phone.newPage();
    await page.goto(server.url);
    // A technician signs in without a second factor; on a phone the menu is folded away, so the
    // dashboard says the sign-in is done.
    await page.getByLabel("이메일").fill("tech@demo.kr");
    await page.locator('input[name="password"]').fill("demo-pass-2026");
    await page.getByRole("button", { name: "로그인" }).click();
    await page.getByTestId("dashboard-counts").waitFor();
    await page.goto(`${server.url}/#/today`);
    const card = page.getByTestId(`stop-visit-${visit.json.id}`);
    await card.waitFor();
    await card.locator('a[href^="https://map.kakao.com/link/search/"]').waitFor();
    await expect(card.getByRole("link", { name: /^전화 / }).getAttribute("href")).resolves.toMatch(
      /^tel:\d+$/,
    );
    await page.screenshot({ path: join(ARTIFACTS, "admin-e2e-technician-01-day.png"), fullPage: true });

    const day = await api<{ stops: { kind: string; id: number; serialNumber: string }[] }>(
      page,
      `/technician-day?date=${today}`,
    );
    const serial = day.json.stops.find((s) => s.kind === "visit" && s.id === visit.json.id)!.serialNumber;
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
    }>(page, `/service-visits/${visit.json.id}`);
    expect(done.json).toMatchObject({
      status: "completed",
      signed: true,
      partsUsed: [{ name: "세디먼트 필터", quantity: 1 }],
    });
    await page.screenshot({ path: join(ARTIFACTS, "admin-e2e-technician-04-done.png"), fullPage: true });
  });
});
