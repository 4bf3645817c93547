import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApi, startApi } from "./api-server";
import { ARTIFACTS, CHROMIUM_ARGS, CHROMIUM_PATH } from "./chromium";

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
const digits = (n: number) => String(Math.floor(Math.random() * 10 ** n)).padStart(n, "0");

describe("a manager registers a customer in the browser", () => {
  let api: RunningApi;
  let context: BrowserContext;
  let page: Page;
  let profile: string;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    api = await startApi();
    profile = mkdtempSync(join(tmpdir(), "ssp-e2e-chromium-"));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      locale: "ko-KR",
      viewport: { width: 1280, height: 900 },
    });
    page = context.pages()[0] ?? (await context.newPage());
  });

  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    await api?.stop();
  });

  const shot = (name: string) =>
    page.screenshot({ path: join(ARTIFACTS, `admin-e2e-${name}.png`), fullPage: true });

  it("logs in, creates a customer, finds it by search and sees its full phone number", async () => {
    // A Korean name and a phone number no seeded customer has.
    const name = `${pick(["김", "이", "박", "최", "정"])}${pick(["서", "민", "지", "하", "도"])}${pick(["윤", "준", "아", "린", "현"])}${pick(["빛", "솔", "별", "결"])}`;
    const phone = `010-${digits(4)}-${digits(4)}`;

    await page.goto(api.url);
    await page.getByLabel("이메일").fill("manager@demo.kr");
    await page.locator('input[name="password"]').fill("demo-pass-2026");
    await shot("01-login");
    await page.getByRole("button", { name: "로그인" }).click();
    await expect(page.getByText("고객 수").first().waitFor()).resolves.toBeUndefined();
    await shot("02-dashboard");

    await page.getByRole("menuitem", { name: "고객" }).click();
    await page.waitForURL(/#\/customers/);
    await page.locator("table tbody tr").first().waitFor();
    await shot("03-customer-list");

    await page.getByRole("link", { name: "등록" }).click();
    await page.getByRole("textbox", { name: "이름" }).fill(name);
    await page.getByLabel("생년월일").fill("1988-05-17");
    await page.getByRole("textbox", { name: "휴대전화" }).fill(phone);
    await page.getByLabel("개인정보 수집·이용 동의").check();
    await shot("04-customer-create");
    await page.getByRole("button", { name: "저장" }).click();
    await page.waitForURL(/#\/customers\/[^/]+\/show/);
    await page.getByText(phone).waitFor();
    await shot("05-customer-created");

    await page.getByRole("menuitem", { name: "고객" }).click();
    await page.locator("table tbody tr").first().waitFor();
    const searched = page.waitForResponse((res) => {
      const url = new URL(res.url());
      return url.pathname === "/api/customers" && (url.searchParams.get("filter") ?? "").includes(name);
    });
    await page.getByPlaceholder("검색").fill(name);
    const filter = new URL((await searched).url()).searchParams.get("filter");
    expect(JSON.parse(filter ?? "{}")).toEqual({ q: name });
    const rows = page.locator("table tbody tr");
    await page.waitForFunction(() => document.querySelectorAll("table tbody tr").length === 1);
    const row = rows.filter({ hasText: name });
    expect(await row.count()).toBe(1);
    // Lists never show the whole number.
    await expect(row.textContent()).resolves.toContain(`010-****-${phone.slice(-4)}`);
    await shot("06-customer-search");

    await row.click();
    await page.waitForURL(/#\/customers\/[^/]+\/show/);
    await page.getByText(phone, { exact: true }).waitFor();
    await expect(page.getByText(name, { exact: true }).first().isVisible()).resolves.toBe(true);
    await expect(page.getByText(phone, { exact: true }).isVisible()).resolves.toBe(true);
    await shot("07-customer-show");
  });
});
