import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApi, startApi } from "./api-server";
import { launchChromium } from "./chromium";

/**
 * Issue 15: a customer on a phone sees who the rental company is before giving anything: the
 * application page names the partner (trade name in the header; registration number,
 * representative and customer-service phone in the footer), as a lessor must.
 */
describe("the public application page on a phone names the rental company", () => {
  let api: RunningApi;
  let browser: Browser;

  beforeAll(async () => {
    api = await startApi();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it("shows the partner's name in the header and its legal identity in the footer at 390 px", async () => {
    const context = await browser.newContext({
      locale: "ko-KR",
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    await page.goto(`${api.url}/apply/demo`);
    const header = page.getByTestId("partner-header");
    await header.waitFor();
    expect(await header.textContent()).toContain("데모렌탈");
    const footer = (await page.getByTestId("partner-footer").textContent()) ?? "";
    expect(footer).toContain("214-87-65433");
    expect(footer).toContain("1588-0000");
    // Nothing of it is cut off on the narrow screen.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });
});
