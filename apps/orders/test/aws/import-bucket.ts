/// <reference path="../../../../adapters/aws-lambda/src/testing/s3rver.d.ts" />
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import type { S3Event } from "aws-lambda";
import S3rver from "s3rver";

/** s3rver's one key pair: the import function's S3 client signs with it (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY). */
export const S3RVER_CREDENTIALS = { AWS_ACCESS_KEY_ID: "S3RVER", AWS_SECRET_ACCESS_KEY: "S3RVER" };

/**
 * The import bucket on s3rver (path style, loopback). s3rver emits its ObjectCreated event in its
 * own process only, with an ARN S3 would not send (`arn:aws:s3: : :`): `put` hands back that event
 * with the bucket's ARN as S3 writes it. Keys here need no form encoding (no spaces, no `+`).
 */
export async function importBucket(bucket: string) {
  const directory = await mkdtemp(join(tmpdir(), "skyport-aws-imports-"));
  const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const s3 = new S3Client({
    endpoint,
    forcePathStyle: true,
    region: "us-east-1",
    credentials: { accessKeyId: S3RVER_CREDENTIALS.AWS_ACCESS_KEY_ID, secretAccessKey: S3RVER_CREDENTIALS.AWS_SECRET_ACCESS_KEY },
  });
  const events = new Map<string, S3Event>();
  server.on("event", (event: S3Event) => {
    const key = event.Records[0]?.s3.object.key;
    if (key) events.set(key, event);
  });
  return {
    /** AWS_ENDPOINT_URL_S3, which the import function's S3 client takes (path style). */
    endpoint,
    /** Writes the object and answers the notification S3 sends for it. */
    async put(key: string, body: string): Promise<S3Event> {
      if (encodeURIComponent(key).replace(/%2F/g, "/") !== key) throw new Error(`${key}: choose a key S3 need not encode`);
      events.delete(key);
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
      const emitted = events.get(key);
      if (!emitted) throw new Error(`s3rver emitted no event for ${key}`);
      return {
        Records: emitted.Records.map((record) => ({ ...record, s3: { ...record.s3, bucket: { ...record.s3.bucket, arn: `arn:aws:s3:::${bucket}` } } })),
      };
    },
    /** An object's content, or undefined if there is none. */
    async read(key: string): Promise<string | undefined> {
      try {
        const { Body } = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return await Body!.transformToString();
      } catch (error) {
        if ((error as Error).name === "NoSuchKey") return undefined;
        throw error;
      }
    },
    async close() {
      s3.destroy();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
