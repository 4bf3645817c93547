import { describe, expect, it } from "vitest";
import { renderInstallationReceipt } from "./installation-receipt-pdf.js";
import { pdfsig, pdfText } from "./test-support/poppler.js";
import { drawnSignaturePng, MOBILE_UA, testCertificate } from "./test-support/signing.js";

const receipt = {
  contractNumber: "DR-2026-000123",
  partner: { name: "데모렌탈" },
  customer: { name: "김서연", phone: "010-2345-6789" },
  product: { name: "CHP-7210N 냉온정수기", model: "CHP-7210N" },
  assetSerialNumber: "CHP7210N-24A-00917",
  installedOn: "2026-03-20",
  installAddress: "서울특별시 강남구 테헤란로 152, 12층 1203호",
  technicianName: "박정훈",
  events: [
    { kind: "installed", at: "2026-03-20T02:05:00Z", ip: "10.20.30.40", userAgent: "SSP technician app" },
    { kind: "signed", at: "2026-03-20T02:07:12Z", ip: "10.20.30.40", userAgent: MOBILE_UA },
  ],
};

describe("installation receipt", () => {
  it("shows the serial number, install date and technician, sealed with a valid signature", async () => {
    const sealed = await renderInstallationReceipt({
      ...receipt,
      signature: { kind: "drawn", png: drawnSignaturePng() },
      certificate: testCertificate(),
    });
    const [page, audit] = pdfText(sealed.bytes).split("\f");
    expect(page).toContain("설치 및 인수 확인서");
    expect(page).toContain("CHP7210N-24A-00917");
    expect(page).toContain("2026년 3월 20일");
    expect(page).toContain("박정훈");
    expect(page).toMatch(/1 ?\/ ?1/);
    expect(audit).toContain("전자서명 감사 증명서");
    expect(audit).toContain(sealed.unsignedSha256);
    expect(audit).toContain("10.20.30.40");
    const report = pdfsig(sealed.bytes);
    expect(report).toContain("Signature Validation: Signature is Valid.");
    expect(report).toContain("Total document signed");
  });

  it("accepts a typed confirmation signature", async () => {
    const sealed = await renderInstallationReceipt({
      ...receipt,
      signature: { kind: "typed", text: "김서연" },
      certificate: testCertificate(),
    });
    expect(
      pdfText(sealed.bytes)
        .split("\f")[0]!
        .match(/김서연/g)?.length,
    ).toBeGreaterThanOrEqual(3);
  });
});
