import type { Env, ObjectStore, ObjectStores } from "@skyport/core";
import type { S3Client, S3ClientConfig } from "@aws-sdk/client-s3";

type S3 = typeof import("@aws-sdk/client-s3");

/**
 * S3 as core's object store; the S3 client is imported on the first read or write, so only the
 * function that handles objects ever loads it. `AWS_ENDPOINT_URL_S3` (the SDK's own variable)
 * points it at a stand-in, addressed path-style; `config` is for tests (a stand-in's credentials).
 */
export function s3Objects(env: Env = process.env, config: S3ClientConfig = {}): ObjectStores {
  const endpoint = env.AWS_ENDPOINT_URL_S3;
  let loaded: Promise<{ sdk: S3; client: S3Client }> | undefined;
  const load = () =>
    (loaded ??= import("@aws-sdk/client-s3").then((sdk) => ({
      sdk,
      client: new sdk.S3Client({ ...(endpoint ? { endpoint, forcePathStyle: true } : {}), ...config }),
    })));
  return (bucket): ObjectStore => ({
    async read(name) {
      const { sdk, client } = await load();
      const { Body } = await client.send(new sdk.GetObjectCommand({ Bucket: bucket, Key: name }));
      if (!Body) throw new Error(`s3://${bucket}/${name} has no body`);
      return Body as AsyncIterable<Uint8Array>;
    },
    async write(name, body, contentType) {
      const { sdk, client } = await load();
      await client.send(new sdk.PutObjectCommand({ Bucket: bucket, Key: name, Body: body, ContentType: contentType }));
    },
  });
}
