import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createSigningCertificate, loadOrCreateSigningCertificate } from "./signing-certificate.js";

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "ssp-signing-"));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("the installation's signing certificate", () => {
  it("is generated on first use and the same one is loaded afterwards", async () => {
    const dir = join(tempDir(), "signing");
    const first = await loadOrCreateSigningCertificate(dir);
    expect(first.commonName).toBe("SSP 전자계약 봉인");
    expect(readdirSync(join(dir, "installation")).sort()).toEqual(["certificate.p12", "passphrase"]);
    expect(statSync(join(dir, "installation", "passphrase")).mode & 0o077).toBe(0);
    const again = await loadOrCreateSigningCertificate(dir);
    expect(again.fingerprintSha256).toBe(first.fingerprintSha256);
  });

  it("ends with one certificate when two instances start at once", async () => {
    const dir = tempDir();
    const [a, b] = await Promise.all([
      loadOrCreateSigningCertificate(dir),
      loadOrCreateSigningCertificate(dir),
    ]);
    const stored = await loadOrCreateSigningCertificate(dir);
    expect(a.fingerprintSha256).toBe(stored.fingerprintSha256);
    expect(b.fingerprintSha256).toBe(stored.fingerprintSha256);
  });

  it("uses an operator's own PKCS#12 file when one is configured", async () => {
    const own = createSigningCertificate({ organization: "바른케어" });
    const path = join(tempDir(), "own.p12");
    writeFileSync(path, own.p12);
    const loaded = await loadOrCreateSigningCertificate(tempDir(), {
      p12Path: path,
      passphrase: own.passphrase,
    });
    expect(loaded.fingerprintSha256).toBe(own.fingerprintSha256);
    await expect(loadOrCreateSigningCertificate(tempDir(), { p12Path: path })).rejects.toThrow(/PASSPHRASE/);
    await expect(
      loadOrCreateSigningCertificate(tempDir(), { p12Path: path, passphrase: "wrong" }),
    ).rejects.toThrow();
  });
});
