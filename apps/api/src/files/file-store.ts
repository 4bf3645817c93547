/**
 * Where the installation keeps files that are not rows: archives, exports, documents that grow
 * past what a database row should hold. One interface, two places, chosen by FILE_STORE in
 * index.ts: a folder under DATA_DIR (one machine), or an S3-compatible object store (several API
 * instances share it; ARCHITECTURE.md "Scale beyond one machine"). Keys are relative paths of
 * lowercase letters, digits, dots, dashes, underscores and slashes — never `..`.
 */
export interface FileStore {
  readonly kind: "local" | "s3";
  put(key: string, bytes: Uint8Array, contentType?: string): Promise<void>;
  /** The bytes, or undefined when there is no such file. */
  get(key: string): Promise<Uint8Array | undefined>;
  delete(key: string): Promise<void>;
  /** Keys under a prefix, sorted. */
  list(prefix: string): Promise<string[]>;
}

export function assertFileKey(key: string): void {
  if (
    !/^[a-z0-9._-]+(\/[a-z0-9._-]+)*$/.test(key) ||
    key.split("/").some((part) => part === ".." || part === ".")
  )
    throw new Error(`Not a file key: ${JSON.stringify(key)}`);
}
