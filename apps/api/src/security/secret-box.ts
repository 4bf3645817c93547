import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { link, mkdir, readFile, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";

/**
 * Encrypts the secrets partners hand us (a Kakao app's client secret, later a messaging
 * vendor's API key) before they are stored: AES-256-GCM under a key from the environment
 * (`SECRETS_KEY`), so a database dump, a backup or a replica holds ciphertext only.
 *
 * A sealed value reads `v1.<key id>.<iv>.<tag>.<ciphertext>` (base64url parts). The key id (the
 * first 8 hex digits of the key's SHA-256) says which key sealed it: `SECRETS_KEY` may list
 * several keys, comma-separated; the first seals, every one opens, so keys rotate without a
 * flag day (README: Configuration).
 */
export class SecretBox {
  private readonly keys: { id: string; key: Buffer }[];

  constructor(keys: Buffer[]) {
    if (keys.length === 0) throw new Error("SecretBox needs at least one key");
    for (const key of keys) if (key.length !== 32) throw new Error("A secrets key is 32 bytes");
    this.keys = keys.map((key) => ({ id: keyId(key), key }));
  }

  /** From `SECRETS_KEY`'s text: base64 keys of 32 bytes, comma-separated, the sealing key first. */
  static fromText(text: string): SecretBox {
    return new SecretBox(text.split(",").map((part) => Buffer.from(part.trim(), "base64")));
  }

  static isSealed(value: string): boolean {
    return /^v1\.[0-9a-f]{8}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(value);
  }

  seal(plain: string): string {
    const { id, key } = this.keys[0]!;
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", key, iv);
    const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    const parts = [iv, cipher.getAuthTag(), body].map((b) => b.toString("base64url"));
    return ["v1", id, ...parts].join(".");
  }

  open(sealed: string): string {
    const [version, id, iv, tag, body] = sealed.split(".");
    const entry = this.keys.find((k) => k.id === id);
    if (version !== "v1" || !entry || iv === undefined || tag === undefined || body === undefined)
      throw new Error("This secret was sealed with a key that is not configured (SECRETS_KEY)");
    const decipher = createDecipheriv("aes-256-gcm", entry.key, Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString(
      "utf8",
    );
  }
}

function keyId(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 8);
}

/**
 * The key for `npm start` with nothing configured: `SECRETS_KEY` when set, else one generated
 * into `DATA_DIR/secrets.key` on first start (mode 0600) and read from there after. Several
 * machines must share `SECRETS_KEY`; processes of one machine share the file.
 */
export async function loadOrCreateSecretBox(options: {
  keyText?: string;
  dataDir: string;
}): Promise<SecretBox> {
  if (options.keyText) return SecretBox.fromText(options.keyText);
  const path = join(options.dataDir, "secrets.key");
  try {
    return SecretBox.fromText((await readFile(path, "utf8")).trim());
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  await mkdir(options.dataDir, { recursive: true });
  const staging = `${path}.${process.pid}.tmp`;
  await writeFile(staging, randomBytes(32).toString("base64"), { mode: 0o600 });
  // link, not rename: when two processes start at once, the first key written stays the key.
  await link(staging, path).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "EEXIST") throw error;
  });
  await unlink(staging);
  return SecretBox.fromText((await readFile(path, "utf8")).trim());
}
