import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FileStore } from "./file-store.js";
import { fileStoreFromEnv } from "./index.js";
import { LocalFolderStore } from "./local-folder-store.js";
import type { S3Store } from "./s3-store.js";

const folders: string[] = [];
const folder = () => {
  const dir = mkdtempSync(join(tmpdir(), "ssp-files-"));
  folders.push(dir);
  return dir;
};

let s3rver: S3rver;
let s3: S3Store;
beforeAll(async () => {
  // A local S3-compatible server (s3rver, from npm), on a free port, with one bucket.
  s3rver = new S3rver({
    port: 0,
    address: "127.0.0.1",
    directory: folder(),
    silent: true,
    configureBuckets: [{ name: "ssp-files" }],
  });
  const { port } = await s3rver.run();
  s3 = fileStoreFromEnv(
    {
      FILE_STORE: "s3",
      S3_BUCKET: "ssp-files",
      S3_ENDPOINT: `http://127.0.0.1:${port}`,
      S3_REGION: "ap-northeast-2",
      S3_ACCESS_KEY_ID: "S3RVER",
      S3_SECRET_ACCESS_KEY: "S3RVER",
      S3_PREFIX: "installation-1/",
    },
    folder(),
  ) as S3Store;
});
afterAll(async () => {
  s3.close();
  await s3rver.close();
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

/** The same contract for both places a file can live. */
describe.each([
  ["the local folder", () => new LocalFolderStore(folder()) as FileStore],
  ["an S3-compatible store (s3rver)", () => s3 as FileStore],
])("file store: %s", (_name, make) => {
  it("puts, gets, overwrites, lists by prefix and deletes, byte for byte", async () => {
    const store = make();
    const pdf = new Uint8Array([37, 80, 68, 70, 0, 255, 10, 13]);
    await store.put("archives/2026/p1.zip", pdf, "application/zip");
    await store.put("archives/2026/p2.zip", new Uint8Array([1, 2, 3]));
    await store.put("exports/r.csv", new TextEncoder().encode("고객,금액\n"));
    expect(await store.get("archives/2026/p1.zip")).toEqual(pdf);
    await store.put("archives/2026/p2.zip", new Uint8Array([4]));
    expect(await store.get("archives/2026/p2.zip")).toEqual(new Uint8Array([4]));
    expect(await store.list("archives/")).toEqual(["archives/2026/p1.zip", "archives/2026/p2.zip"]);
    expect(new TextDecoder().decode(await store.get("exports/r.csv"))).toBe("고객,금액\n");
    await store.delete("archives/2026/p1.zip");
    expect(await store.get("archives/2026/p1.zip")).toBeUndefined();
    expect(await store.get("never/was.bin")).toBeUndefined();
  });

  it("refuses keys that could leave its place", async () => {
    const store = make();
    for (const key of ["../etc/passwd", "a/../../b", "/abs", "A/B", "a//b", ""])
      await expect(store.put(key, new Uint8Array([1]))).rejects.toThrow(/Not a file key/);
  });
});

describe("choosing the file store", () => {
  it("defaults to the folder under DATA_DIR and names what S3 is missing", () => {
    expect(fileStoreFromEnv({}, "/tmp/x").kind).toBe("local");
    expect(() => fileStoreFromEnv({ FILE_STORE: "s3" }, "/tmp/x")).toThrow(/S3_BUCKET/);
    expect(() => fileStoreFromEnv({ FILE_STORE: "ftp" }, "/tmp/x")).toThrow(/local or s3/);
  });
});
