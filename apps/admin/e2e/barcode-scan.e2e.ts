import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApi, startApi } from "./api-server";
import { ARTIFACTS, launchChromium } from "./chromium";
import { barcodeVideo } from "./fake-camera";
import { bookTodaysVisit, serialOfVisit, technicianOnPhone } from "./technician-visit";

describe("a technician scans the unit's serial barcode with the phone's camera (issue 12 §4)", () => {
  let server: RunningApi;
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), "ssp-barcode-"));
  // Chromium opens this file when a page first asks for the camera; it is written once the
  // serial is known, before that.
  const video = join(dir, "camera.y4m");

  beforeAll(async () => {
    server = await startApi();
    browser = await launchChromium([
      "--use-fake-device-for-media-stream",
      "--use-fake-ui-for-media-stream",
      `--use-file-for-fake-video-capture=${video}`,
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("points the camera at the Code 128 label and the serial field fills itself", async () => {
    const visitId = await bookTodaysVisit(browser, server.url);
    const { page } = await technicianOnPhone(browser, server.url, { permissions: ["camera"] });
    const serial = await serialOfVisit(page, visitId);
    expect(serial).toMatch(/\S/);
    await barcodeVideo(video, serial, "code128");

    const card = page.getByTestId(`stop-visit-${visitId}`);
    await card.getByRole("button", { name: "방문 완료 입력" }).click();
    const field = card.getByLabel("제품 일련번호");
    await expect(field.inputValue()).resolves.toBe("");
    // Keeps the camera's tracks the page is given, to see afterwards that they were stopped.
    await page.evaluate(() => {
      const devices = navigator.mediaDevices;
      const getUserMedia = devices.getUserMedia.bind(devices);
      const tracks: MediaStreamTrack[] = [];
      (window as unknown as { cameraTracks: MediaStreamTrack[] }).cameraTracks = tracks;
      devices.getUserMedia = async (constraints) => {
        const stream = await getUserMedia(constraints);
        tracks.push(...stream.getTracks());
        return stream;
      };
    });
    await card.getByRole("button", { name: "바코드 스캔" }).click();
    // The dialog shows the live preview, then closes by itself on the first read.
    await page.getByTestId("barcode-scan-preview").waitFor();
    await page.screenshot({ path: join(ARTIFACTS, "admin-e2e-barcode-01-scanning.png") });
    const problem = page.getByTestId("barcode-scan-problem");
    await Promise.race([
      page.getByRole("dialog").waitFor({ state: "detached", timeout: 30_000 }),
      problem.waitFor({ timeout: 30_000 }),
    ]);
    // A camera problem would be said in the dialog: show its words if so.
    expect((await problem.count()) ? await problem.textContent() : null).toBeNull();
    await expect(field.inputValue()).resolves.toBe(serial);
    // The camera is off again: one video track, ended.
    await expect(
      page.evaluate(() =>
        (window as unknown as { cameraTracks: MediaStreamTrack[] }).cameraTracks.map(
          (t) => `${t.kind}:${t.readyState}`,
        ),
      ),
    ).resolves.toEqual(["video:ended"]);
    await expect(card.getByText("이 계약의 제품 일련번호와 다릅니다").count()).resolves.toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, "admin-e2e-barcode-02-filled.png"), fullPage: true });
  });
});
