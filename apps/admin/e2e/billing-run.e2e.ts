import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApi, startApi } from "./api-server";
import { ARTIFACTS, launchChromium } from "./chromium";
import { signIn } from "./sign-in";

describe("finance starts a billing run and follows it to its end", () => {
  let api: RunningApi;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    api = await startApi();
    browser = await launchChromium();
    page = await (
      await browser.newContext({ locale: "ko-KR", viewport: { width: 1440, height: 900 } })
    ).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it("previews, runs after confirming, sees the run's result, and finds it among the job runs", async () => {
    await page.goto(api.url);
    // Finance signs in with a second factor: the first time, by setting up the authenticator app.
    expect(await signIn(page, "finance@demo.kr")).toEqual({ enrolled: true });
    await page.getByRole("menuitem", { name: "청구 실행" }).click();
    const panel = page.getByTestId("billing-run-panel");
    await panel.waitFor();

    // The panel starts on today (Seoul): a preview first, then the run itself.
    const previewed = page.waitForResponse(
      (r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/api/billing/runs",
    );
    await panel.getByRole("button", { name: "미리보기" }).click();
    const preview = await previewed;
    expect(preview.status()).toBe(202);
    expect((await preview.json()) as { status: string; dryRun: boolean }).toMatchObject({
      status: "running",
      dryRun: true,
    });
    await expect
      .poll(async () => (await panel.getByTestId("job-result").textContent()) ?? "", { timeout: 30_000 })
      .toMatch(/완료 · 발행 예정 \d+건/);

    const started = page.waitForResponse(
      (r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/api/billing/runs",
    );
    await panel.getByRole("button", { name: "실행", exact: true }).click();
    await page.getByRole("dialog").getByRole("button", { name: "확인" }).click();
    const run = (await (await started).json()) as { id: number; status: string };
    expect(run.status).toBe("running");
    // The panel follows the run (GET /api/jobs/:id) until it ends and says what it did.
    await expect
      .poll(async () => (await panel.getByTestId("job-result").textContent()) ?? "", { timeout: 30_000 })
      .toMatch(/^완료 · 발행 \d+건 \(누락분 \d+건\) · 수납 \d+건/);
    await page.screenshot({ path: join(ARTIFACTS, "billing-run-done.png"), fullPage: true });

    // The job runs page lists it, and its own page shows the same result.
    await page.getByRole("menuitem", { name: "작업 실행 기록" }).click();
    await page.getByRole("row", { name: new RegExp(`^${run.id}\\b`) }).click();
    await page.waitForURL(new RegExp(`#/jobs/${run.id}/show`));
    await expect
      .poll(async () => (await page.getByTestId("job-result").textContent()) ?? "", { timeout: 30_000 })
      .toMatch(/^완료 · 발행/);
    await expect.poll(() => page.getByText("정기 청구").count()).toBeGreaterThan(0);
  });
});
