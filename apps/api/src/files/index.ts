import { join } from "node:path";
import type { FileStore } from "./file-store.js";
import { LocalFolderStore } from "./local-folder-store.js";
import { S3Store } from "./s3-store.js";

/**
 * The one place that picks the file store: `FILE_STORE=local` (default: DATA_DIR/files) or
 * `FILE_STORE=s3` with S3_BUCKET, S3_REGION, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY and, for a
 * store that is not AWS, S3_ENDPOINT (README: Configuration).
 */
export function fileStoreFromEnv(env: NodeJS.ProcessEnv, dataDir: string): FileStore {
  if ((env.FILE_STORE ?? "local") === "local") return new LocalFolderStore(join(dataDir, "files"));
  if (env.FILE_STORE !== "s3") throw new Error(`FILE_STORE must be local or s3, not ${env.FILE_STORE}`);
  const need = (name: string) => {
    const value = env[name];
    if (!value) throw new Error(`FILE_STORE=s3 needs ${name}`);
    return value;
  };
  return new S3Store({
    bucket: need("S3_BUCKET"),
    region: env.S3_REGION ?? "us-east-1",
    endpoint: env.S3_ENDPOINT || undefined,
    accessKeyId: need("S3_ACCESS_KEY_ID"),
    secretAccessKey: need("S3_SECRET_ACCESS_KEY"),
    prefix: env.S3_PREFIX,
  });
}
