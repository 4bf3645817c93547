import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApi, startApi } from "./api-server";
import { ARTIFACTS, CHROMIUM_ARGS, CHROMIUM_PATH } from "./chromium";
import { signIn } from "./sign-in";

describe("finance downloads the billing register from the Reports page", () => {
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
      acceptDownloads: true,
    });
    page = context.pages()[0] ?? (await context.newPage());
  });

  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    await api?.stop();
  });

  const shot = (name: string) =>
    page.screenshot({ path: join(ARTIFACTS, `finance-e2e-${name}.png`), fullPage: true });

  it("picks the report and the period, downloads XLSX, and the file holds this month's invoices", async () => {
    await page.goto(api.url);
    // Finance signs in with a second factor: the first time, by setting up the authenticator app.
    expect(await signIn(page, "finance@demo.kr")).toEqual({ enrolled: true });
    await page.getByTestId("metric-mrr").waitFor();
    await shot("01-dashboard");

    // The demo's installed contracts were invoiced at installation; today's run is the safety net.
    const health = await (await page.request.get(`${api.url}/api/health`)).json();
    const today: string = health.today;
    const run = await page.request.post(`${api.url}/api/billing/runs`, { data: { date: today } });
    expect(run.ok()).toBe(true);
    const { id } = await run.json();
    for (let i = 0; i < 300; i++) {
      const job = await (await page.request.get(`${api.url}/api/jobs/${id}`)).json();
      if (job.status !== "running") break;
      await page.waitForTimeout(100);
    }
    const listed = await (
      await page.request.get(
        `${api.url}/api/invoices?range=[0,999]&filter=${encodeURIComponent(JSON.stringify({}))}`,
      )
    ).json();
    const thisMonth = (listed as { number: string; issueDate: string; total: number }[]).filter(
      (i) => i.issueDate >= `${today.slice(0, 8)}01` && i.issueDate <= today,
    );
    expect(thisMonth.length).toBeGreaterThan(0);

    await page.getByRole("menuitem", { name: "보고서" }).click();
    await page.waitForURL(/#\/reports/);
    await page.getByText("기간: 발행일 기준").waitFor();
    await page.getByLabel("시작일").fill(`${today.slice(0, 8)}01`);
    await page.getByLabel("종료일").fill(today);
    await shot("02-reports");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "XLSX 받기" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const path = join(profile, "register.xlsx");
    await download.saveAs(path);
    await page.getByText(/받기 완료/).waitFor();
    await shot("03-downloaded");

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 3)).toEqual(["청구번호", "발행일", "납기일"]);
    const totalColumn = header.indexOf("합계") + 1;
    const rows: { number: string; total: number }[] = [];
    for (let n = 2; n <= sheet.actualRowCount; n++) {
      const row = sheet.getRow(n);
      rows.push({ number: String(row.getCell(1).value), total: Number(row.getCell(totalColumn).value) });
    }
    expect(rows.map((r) => r.number).sort()).toEqual(thisMonth.map((i) => i.number).sort());
    for (const invoice of thisMonth)
      expect(rows.find((r) => r.number === invoice.number)?.total).toBe(invoice.total);
  });
});
