import { PNG } from "pngjs";
import type { SigningEvent } from "../seal-contract.js";
import { createSigningCertificate, type SigningCertificate } from "../signing-certificate.js";

let certificate: SigningCertificate | undefined;

/** One generated certificate per test file: making one costs a few seconds of forge. */
export function testCertificate(): SigningCertificate {
  certificate ??= createSigningCertificate();
  return certificate;
}

export const MOBILE_UA =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1 KAKAOTALK 10.6.5";

export function signingEvents(): SigningEvent[] {
  return [
    { kind: "sent", at: "2026-03-10T01:00:00Z", ip: "10.0.0.7", userAgent: "SSP admin" },
    { kind: "opened", at: "2026-03-10T05:12:44Z", ip: "211.234.10.5", userAgent: MOBILE_UA },
    { kind: "verification_failed", at: "2026-03-10T05:12:58Z", ip: "211.234.10.5", userAgent: MOBILE_UA },
    { kind: "verified", at: "2026-03-10T05:13:02Z", ip: "211.234.10.5", userAgent: MOBILE_UA },
    { kind: "signed", at: "2026-03-10T05:14:30Z", ip: "2001:db8:85a3::8a2e:370:7334", userAgent: MOBILE_UA },
  ];
}

/** A drawn signature as the signing page's canvas would send it: dark strokes on transparency. */
export function drawnSignaturePng(): Uint8Array {
  const png = new PNG({ width: 300, height: 100 });
  for (let x = 20; x < 280; x++) {
    const y = Math.round(50 + 30 * Math.sin(x / 18));
    for (let dy = -2; dy <= 2; dy++) {
      const i = ((y + dy) * png.width + x) * 4;
      png.data[i] = 10;
      png.data[i + 1] = 20;
      png.data[i + 2] = 90;
      png.data[i + 3] = 255;
    }
  }
  return new Uint8Array(PNG.sync.write(png));
}
