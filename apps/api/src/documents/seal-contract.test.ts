import { describe, expect, it } from "vitest";
import { renderContract } from "./contract-pdf.js";
import { displayIp, sealContract } from "./seal-contract.js";
import { sha256Hex } from "./sha256.js";
import { sampleContract } from "./test-support/fixtures.js";
import { pdfsig, pdfText, renderPages } from "./test-support/poppler.js";
import { drawnSignaturePng, signingEvents, testCertificate } from "./test-support/signing.js";

async function sealedSample(signature: Parameters<typeof sealContract>[0]["signature"]) {
  const { bytes, signatureBox } = await renderContract(sampleContract());
  const unsignedSha256 = sha256Hex(bytes);
  const sealed = await sealContract({
    unsignedPdf: bytes,
    signature,
    signerName: "김서연",
    events: signingEvents(),
    unsignedSha256,
    certificate: testCertificate(),
  });
  return { unsigned: bytes, sealed, unsignedSha256, signatureBox };
}

function byteRange(pdf: Uint8Array): number[] {
  const m = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(Buffer.from(pdf).toString("latin1"));
  if (!m) throw new Error("no /ByteRange");
  return m.slice(1).map(Number);
}

describe("sealing a signed contract", () => {
  it("signs the whole document so that pdfsig finds the signature valid", async () => {
    const { sealed } = await sealedSample({ kind: "typed", text: "김서연" });
    const report = pdfsig(sealed);
    expect(report).toContain("Signature Validation: Signature is Valid.");
    expect(report).toContain("Total document signed");
    expect(report).toContain("Signer Certificate Common Name: SSP 전자계약 봉인");
    const [start, firstLength, secondStart, secondLength] = byteRange(sealed);
    expect(start).toBe(0);
    expect(secondStart! + secondLength!).toBe(sealed.length);
    expect(secondStart! - firstLength!).toBeGreaterThan(0);
  });

  it("fails pdfsig's check once a single byte of the sealed file changes", async () => {
    const { sealed } = await sealedSample({ kind: "typed", text: "김서연" });
    const [, firstLength] = byteRange(sealed);
    const tampered = Uint8Array.from(sealed);
    const at = Math.floor(firstLength! / 2);
    tampered[at] = tampered[at]! ^ 0xff;
    expect(sha256Hex(tampered)).not.toBe(sha256Hex(sealed));
    const report = pdfsig(tampered);
    expect(report).not.toContain("Signature is Valid.");
    expect(report).toMatch(/Signature Validation: (Digest Mismatch|Signature is Invalid)/);
  });

  it("appends an audit certificate listing every event, its IP and the unsigned document's SHA-256", async () => {
    const { sealed, unsignedSha256 } = await sealedSample({ kind: "typed", text: "김서연" });
    const pages = pdfText(sealed).split("\f");
    const audit = pages[3]!;
    expect(audit).toContain("전자서명 감사 증명서");
    expect(audit).toContain(unsignedSha256);
    expect(audit).toContain("김서연");
    for (const ip of ["10.0.0.7", "211.234.10.5", "2001:db8:85a3::8a2e:370:7334"])
      expect(audit).toContain(ip);
    for (const label of ["서명 요청 발송", "문서 열람", "본인 확인 실패", "본인 확인 완료", "서명 완료"]) {
      expect(audit).toContain(label);
    }
    // Times are Korean (UTC+9): 05:14:30Z is 14:14:30 KST.
    expect(audit).toContain("2026-03-10 14:14:30");
    // The long user agent wraps inside its cell instead of running off the page.
    expect(audit).toContain("KAKAOTALK");
  });

  it("names every event in Korean and shows IPv4-mapped addresses as plain IPv4 (issue 15)", async () => {
    const { bytes } = await renderContract(sampleContract());
    const events = [
      ...signingEvents(),
      { kind: "viewed", at: "2026-03-10T05:13:10Z", ip: "::ffff:127.0.0.1", userAgent: "Mobile" },
    ];
    const sealed = await sealContract({
      unsignedPdf: bytes,
      signature: { kind: "typed", text: "김서연" },
      signerName: "김서연",
      events,
      unsignedSha256: sha256Hex(bytes),
      certificate: testCertificate(),
    });
    const audit = pdfText(sealed).split("\f")[3]!;
    expect(audit).toContain("계약서 PDF 열람");
    expect(audit).not.toMatch(/\bviewed\b/);
    expect(audit).toContain("127.0.0.1");
    expect(audit).not.toContain("::ffff:");
    expect(displayIp("::FFFF:10.1.2.3")).toBe("10.1.2.3");
    expect(displayIp("2001:db8::1")).toBe("2001:db8::1");
    expect(displayIp(null)).toBe("-");
  });

  it("writes a typed signature into the box and the signing date on the date line", async () => {
    const { sealed } = await sealedSample({ kind: "typed", text: "김서연" });
    const signaturePage = pdfText(sealed).split("\f")[2]!;
    expect(signaturePage).toContain("2026년 3월 10일");
    expect(signaturePage.match(/김서연/g)?.length).toBeGreaterThanOrEqual(2);
  });

  it("draws a drawn signature inside the signature box", async () => {
    const { unsigned, sealed, signatureBox } = await sealedSample({
      kind: "drawn",
      png: drawnSignaturePng(),
    });
    expect(pdfsig(sealed)).toContain("Signature Validation: Signature is Valid.");
    const dpi = 50;
    const before = renderPages(unsigned, dpi)[signatureBox.page]!;
    const after = renderPages(sealed, dpi)[signatureBox.page]!;
    const scale = dpi / 72;
    const inBox = (x: number, y: number) =>
      x >= signatureBox.x * scale &&
      x <= (signatureBox.x + signatureBox.w) * scale &&
      y >= before.height - (signatureBox.y + signatureBox.h) * scale &&
      y <= before.height - signatureBox.y * scale;
    let changedInside = 0;
    let changedOutside = 0;
    for (let y = 0; y < before.height; y++) {
      for (let x = 0; x < before.width; x++) {
        const i = (y * before.width + x) * 4;
        if (
          Math.abs(before.data[i]! - after.data[i]!) + Math.abs(before.data[i + 2]! - after.data[i + 2]!) <
          40
        )
          continue;
        if (inBox(x, y)) changedInside++;
        else changedOutside++;
      }
    }
    expect(changedInside).toBeGreaterThan(50);
    // Outside the box only the date on the date line appears.
    expect(changedOutside).toBeLessThan(changedInside);
  });

  it("stays well under 120 KB sealed", async () => {
    const { sealed } = await sealedSample({ kind: "drawn", png: drawnSignaturePng() });
    expect(sealed.length).toBeLessThan(120 * 1024);
  });

  it("refuses a PDF that is not the one whose hash was recorded", async () => {
    const { bytes } = await renderContract(sampleContract());
    await expect(
      sealContract({
        unsignedPdf: bytes,
        signature: { kind: "typed", text: "김서연" },
        signerName: "김서연",
        events: signingEvents(),
        unsignedSha256: "0".repeat(64),
        certificate: testCertificate(),
      }),
    ).rejects.toThrow(/SHA-256/);
  });
});
