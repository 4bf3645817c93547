import { constants, createPrivateKey, type KeyObject, privateEncrypt } from "node:crypto";
import { Signer } from "@signpdf/utils";
import forge from "node-forge";
import type { SigningCertificate } from "./signing-certificate.js";

/** DER prefix of a SHA-256 DigestInfo; RSASSA-PKCS1-v1_5 signs prefix ‖ digest. */
const SHA256_DIGEST_INFO = Buffer.from("3031300d060960864801650304020105000420", "hex");

interface ParsedCertificate {
  cert: forge.pki.Certificate;
  key: KeyObject;
}

const parsed = new WeakMap<SigningCertificate, ParsedCertificate>();

/**
 * The detached CMS (PKCS#7 SignedData) for @signpdf, built like @signpdf/signer-p12's
 * P12Signer — same signed attributes (contentType, signingTime, messageDigest), SHA-256,
 * the certificate embedded — with two differences that matter here:
 *  - the PKCS#12 is opened once per certificate, and the RSA operation runs in node:crypto
 *    (P12Signer decrypts the bundle and signs in pure JS on every call: ~0.5 s a seal);
 *  - the certificate's Korean UTF8String names survive: forge reads them as raw UTF-8 bytes but
 *    encodes them again when it writes the SignerInfo's issuer, which then names no certificate
 *    and makes every verifier reject the signature. They are decoded once on load.
 */
export class CertificateSigner extends Signer {
  constructor(private readonly certificate: SigningCertificate) {
    super();
  }

  override async sign(pdfBuffer: Buffer, signingTime?: Date): Promise<Buffer> {
    const { cert, key } = open(this.certificate);
    const p7 = forge.pkcs7.createSignedData();
    p7.content = forge.util.createBuffer(pdfBuffer.toString("binary"));
    p7.addCertificate(cert);
    p7.addSigner({
      // forge calls key.sign(md) with the digest of the signed attributes.
      key: { sign: (md: forge.md.MessageDigest) => rsaSign(key, md) } as unknown as forge.pki.rsa.PrivateKey,
      certificate: cert,
      digestAlgorithm: forge.pki.oids.sha256!,
      authenticatedAttributes: [
        { type: forge.pki.oids.contentType!, value: forge.pki.oids.data },
        { type: forge.pki.oids.signingTime!, value: (signingTime ?? new Date()) as unknown as string },
        { type: forge.pki.oids.messageDigest! },
      ],
    });
    p7.sign({ detached: true });
    return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), "binary");
  }
}

function rsaSign(key: KeyObject, md: forge.md.MessageDigest): string {
  const digest = Buffer.from(md.digest().getBytes(), "binary");
  return privateEncrypt(
    { key, padding: constants.RSA_PKCS1_PADDING },
    Buffer.concat([SHA256_DIGEST_INFO, digest]),
  ).toString("binary");
}

function open(certificate: SigningCertificate): ParsedCertificate {
  let p = parsed.get(certificate);
  if (p) return p;
  const asn1 = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(certificate.p12).toString("binary")));
  const p12 = forge.pkcs12.pkcs12FromAsn1(asn1, false, certificate.passphrase);
  const certs = (p12.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!] ?? []).flatMap(
    (b) => (b.cert ? [b.cert] : []),
  );
  const keyBag = p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[
    forge.pki.oids.pkcs8ShroudedKeyBag!
  ]?.[0];
  if (!keyBag?.key) throw new Error("The PKCS#12 file holds no private key");
  const forgeKey = keyBag.key as forge.pki.rsa.PrivateKey;
  const cert = certs.find((c) => {
    const pub = c.publicKey as forge.pki.rsa.PublicKey;
    return pub.n.compareTo(forgeKey.n) === 0 && pub.e.compareTo(forgeKey.e) === 0;
  });
  if (!cert) throw new Error("No certificate in the PKCS#12 file matches its private key");
  for (const attr of [...cert.issuer.attributes, ...cert.subject.attributes]) {
    // @types/node-forge declares valueTagClass as an asn1 Class; forge stores the Type there.
    if (
      (attr.valueTagClass as number | undefined) === forge.asn1.Type.UTF8 &&
      typeof attr.value === "string"
    ) {
      attr.value = forge.util.decodeUtf8(attr.value);
    }
  }
  const key = createPrivateKey(forge.pki.privateKeyToPem(forgeKey));
  p = { cert, key };
  parsed.set(certificate, p);
  return p;
}
