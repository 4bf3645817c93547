import type { S3Client } from "@aws-sdk/client-s3";
import { assertFileKey, type FileStore } from "./file-store.js";

type S3Sdk = typeof import("@aws-sdk/client-s3");

/**
 * Files in an S3-compatible object store (AWS S3, MinIO, Ceph, NCloud or any other speaking
 * the S3 API), one bucket, keys under an optional prefix. Path-style addressing, so a store at
 * its own host name (MinIO on :9000) works as well as AWS.
 */
export class S3Store implements FileStore {
  readonly kind = "s3";
  private connection?: Promise<{ s3: S3Sdk; client: S3Client }>;

  constructor(
    private readonly options: {
      bucket: string;
      endpoint?: string;
      region: string;
      accessKeyId: string;
      secretAccessKey: string;
      prefix?: string;
    },
  ) {}

  /**
   * The AWS SDK and its client, loaded on the first use: a server storing its files locally never
   * loads it (see documents/fonts.ts for what that saved).
   */
  private connect(): Promise<{ s3: S3Sdk; client: S3Client }> {
    this.connection ??= import("@aws-sdk/client-s3").then((s3) => ({
      s3,
      client: new s3.S3Client({
        region: this.options.region,
        endpoint: this.options.endpoint,
        forcePathStyle: true,
        credentials: { accessKeyId: this.options.accessKeyId, secretAccessKey: this.options.secretAccessKey },
      }),
    }));
    return this.connection;
  }

  private keyOf(key: string): string {
    assertFileKey(key);
    return `${this.options.prefix ?? ""}${key}`;
  }

  async put(key: string, bytes: Uint8Array, contentType = "application/octet-stream"): Promise<void> {
    const { s3, client } = await this.connect();
    await client.send(
      new s3.PutObjectCommand({
        Bucket: this.options.bucket,
        Key: this.keyOf(key),
        Body: bytes,
        ContentType: contentType,
      }),
    );
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    const { s3, client } = await this.connect();
    try {
      const answer = await client.send(
        new s3.GetObjectCommand({ Bucket: this.options.bucket, Key: this.keyOf(key) }),
      );
      return answer.Body ? await answer.Body.transformToByteArray() : new Uint8Array();
    } catch (error) {
      if (error instanceof s3.NoSuchKey || (error as { name?: string }).name === "NoSuchKey")
        return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    const { s3, client } = await this.connect();
    await client.send(new s3.DeleteObjectCommand({ Bucket: this.options.bucket, Key: this.keyOf(key) }));
  }

  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    const base = this.options.prefix ?? "";
    let token: string | undefined;
    const { s3, client } = await this.connect();
    do {
      const page = await client.send(
        new s3.ListObjectsV2Command({
          Bucket: this.options.bucket,
          Prefix: `${base}${prefix}`,
          ContinuationToken: token,
        }),
      );
      for (const item of page.Contents ?? []) if (item.Key) keys.push(item.Key.slice(base.length));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return keys.sort();
  }

  close(): void {
    void this.connection?.then(({ client }) => client.destroy());
  }
}
