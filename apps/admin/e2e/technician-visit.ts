import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { expect } from "vitest";
import { signIn } from "./sign-in";

export const seoulToday = () => new Date().toLocaleDateString("sv-SE", { timeZone: "Asia/Seoul" });

/** A same-origin JSON call from the signed-in page (the session cookie goes along). */
export const api = <T>(page: Page, path: string, body?: object): Promise<{ status: number; json: T }> =>
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

/**
 * The manager books a visit for today on the demo's one active contract with 정기사, picked from
 * the technicians with their load. Returns the visit's id.
 */
export async function bookTodaysVisit(browser: Browser, url: string): Promise<number> {
  const today = seoulToday();
  const context = await browser.newContext({ locale: "ko-KR" });
  const desk = await context.newPage();
  await desk.goto(url);
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
  await context.close();
  return visit.json.id;
}

/** 정기사 (tech@demo.kr) signed in on a phone, on 오늘의 작업. */
export async function technicianOnPhone(
  browser: Browser,
  url: string,
  options: BrowserContextOptions = {},
): Promise<{ phone: BrowserContext; page: Page }> {
  const phone = await browser.newContext({
    locale: "ko-KR",
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    ...options,
  });
  const page = await phone.newPage();
  await page.goto(url);
  // A technician signs in without a second factor; on a phone the menu is folded away, so the
  // dashboard says the sign-in is done.
  await page.getByLabel("이메일").fill("tech@demo.kr");
  await page.locator('input[name="password"]').fill("demo-pass-2026");
  await page.getByRole("button", { name: "로그인" }).click();
  await page.getByTestId("dashboard-counts").waitFor();
  await page.goto(`${url}/#/today`);
  return { phone, page };
}

/** The serial number of the unit at a visit, as the technician's day gives it. */
export async function serialOfVisit(page: Page, visitId: number): Promise<string> {
  const day = await api<{ stops: { kind: string; id: number; serialNumber: string }[] }>(
    page,
    `/technician-day?date=${seoulToday()}`,
  );
  return day.json.stops.find((s) => s.kind === "visit" && s.id === visitId)!.serialNumber;
}
