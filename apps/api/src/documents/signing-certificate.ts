import { generateKeyPairSync, randomBytes, X509Certificate } from "node:crypto";
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import forge from "node-forge";

/** The installation's sealing identity: a PKCS#12 bundle (key + certificate) and its passphrase. */
export interface SigningCertificate {
  p12: Uint8Array;
  passphrase: string;
  /** Subject common name, shown by PDF readers as the signer. */
  commonName: string;
  /** SHA-256 of the certificate (DER), hex, for the audit page. */
  fingerprintSha256: string;
}

const COMMON_NAME = "SSP 전자계약 봉인";
const ORGANIZATION = "SSP 렌탈 파트너 플랫폼";
const VALID_YEARS = 10;

/** Where a generated certificate lives under `dir` (e.g. DATA_DIR/signing). */
export const CERTIFICATE_FOLDER = "installation";
const P12_FILE = "certificate.p12";
const PASSPHRASE_FILE = "passphrase";

/**
 * The certificate sealed documents are signed with. An operator's own certificate comes from
 * `p12Path` + `passphrase` (SIGNING_P12_PATH / SIGNING_P12_PASSPHRASE); otherwise the
 * installation generates a self-signed one on first use and keeps it in `dir/installation/`.
 * The pair is written to a temporary folder and renamed into place in one step, so instances
 * starting together never end up with one instance's key and another's passphrase: the loser
 * of the rename reads the winner's pair.
 */
export async function loadOrCreateSigningCertificate(
  dir: string,
  options: { p12Path?: string; passphrase?: string; organization?: string } = {},
): Promise<SigningCertificate> {
  if (options.p12Path) {
    if (options.passphrase === undefined) throw new Error("SIGNING_P12_PATH needs SIGNING_P12_PASSPHRASE");
    return describe(await readFile(options.p12Path), options.passphrase);
  }
  const folder = join(dir, CERTIFICATE_FOLDER);
  const existing = await readPair(folder);
  if (existing) return existing;

  await mkdir(dir, { recursive: true });
  const created = createSigningCertificate({ organization: options.organization });
  const staging = await mkdtemp(join(dir, ".installation-"));
  await writeFile(join(staging, P12_FILE), created.p12, { mode: 0o600 });
  await writeFile(join(staging, PASSPHRASE_FILE), created.passphrase, { mode: 0o600 });
  try {
    await rename(staging, folder);
    return created;
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "ENOTEMPTY" && code !== "EEXIST") throw error;
    const winner = await readPair(folder);
    if (!winner) throw error;
    return winner;
  }
}

async function readPair(folder: string): Promise<SigningCertificate | null> {
  try {
    const [p12, passphrase] = await Promise.all([
      readFile(join(folder, P12_FILE)),
      readFile(join(folder, PASSPHRASE_FILE), "utf8"),
    ]);
    return describe(p12, passphrase.trim());
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

/** A fresh self-signed sealing certificate, in memory only (tests, and the first start). */
export function createSigningCertificate(options: { organization?: string } = {}): SigningCertificate {
  // node:crypto makes the RSA key (native, ~50 ms); node-forge, which @signpdf reads, builds the cert.
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: "pkcs1", format: "pem" }).toString());
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: "spki", format: "pem" }).toString());
  cert.serialNumber = `01${randomBytes(15).toString("hex")}`;
  const now = new Date();
  // A day of slack for clocks that disagree; a seal must never predate its certificate.
  cert.validity.notBefore = new Date(now.getTime() - 86_400_000);
  cert.validity.notAfter = new Date(now);
  cert.validity.notAfter.setFullYear(now.getFullYear() + VALID_YEARS);
  // UTF8String for the Korean names (forge encodes the JS string itself).
  const utf8 = (value: string) => ({ value, valueTagClass: forge.asn1.Type.UTF8 });
  const subject = [
    { shortName: "CN", ...utf8(COMMON_NAME) },
    { shortName: "O", ...utf8(options.organization ?? ORGANIZATION) },
    { shortName: "C", value: "KR" },
  ] as forge.pki.CertificateField[];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: "basicConstraints", cA: false },
    { name: "keyUsage", digitalSignature: true, nonRepudiation: true },
    { name: "subjectKeyIdentifier" },
  ]);
  cert.sign(key, forge.md.sha256.create());
  const passphrase = randomBytes(24).toString("base64url");
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, [cert], passphrase, {
    algorithm: "aes256",
    friendlyName: "SSP",
  });
  const p12 = Buffer.from(forge.asn1.toDer(asn1).getBytes(), "binary");
  return describe(p12, passphrase);
}

function describe(p12: Uint8Array, passphrase: string): SigningCertificate {
  const asn1 = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(p12).toString("binary")));
  const parsed = forge.pkcs12.pkcs12FromAsn1(asn1, passphrase);
  const certBag = forge.pki.oids.certBag!;
  const bag = parsed.getBags({ bagType: certBag })[certBag]?.[0];
  if (!bag?.cert) throw new Error("The PKCS#12 file holds no certificate");
  const der = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(bag.cert)).getBytes(), "binary");
  const x509 = new X509Certificate(der);
  const commonName = /CN=([^\n]+)/.exec(x509.subject)?.[1] ?? x509.subject;
  return {
    p12: new Uint8Array(p12),
    passphrase,
    commonName,
    fingerprintSha256: x509.fingerprint256.replaceAll(":", "").toLowerCase(),
  };
}
