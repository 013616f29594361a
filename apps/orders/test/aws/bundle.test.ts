import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import type { APIGatewayProxyStructuredResultV2, SQSBatchResponse } from "aws-lambda";
import { httpApiEvent, lambdaContext, scheduledEvent, sqsEvent } from "@skyport/aws-lambda/testing";
import { describe, expect, it } from "vitest";
import app from "../../src/app.js";
import { HANDLERS, othersCarried } from "../function-handlers.js";
import { AWS_FUNCTIONS, bundleFile, type AwsFunction } from "./bundles.js";

interface Metafile {
  outputs: Record<
    string,
    { inputs: Record<string, { bytesInOutput: number }>; exports: string[]; entryPoint?: string; imports: { path: string; kind: string; external?: boolean }[] }
  >;
}

const metafile = (fn: AwsFunction) => JSON.parse(readFileSync(bundleFile(fn, "meta.json"), "utf8")) as Metafile;

/**
 * What the function's folder deploys, from its metafile: index.mjs (its exports) and the chunks beside it that it loads
 * on first use, their inputs counted together.
 */
const output = (fn: AwsFunction) => {
  const outputs = Object.entries(metafile(fn).outputs).filter(([name]) => !name.endsWith(".map"));
  const entry = outputs.filter(([name]) => name.endsWith(`aws/${fn}/index.mjs`));
  expect(entry).toHaveLength(1);
  expect(outputs.filter(([name]) => !name.endsWith(`aws/${fn}/index.mjs`) && !name.includes(`aws/${fn}/chunks/`))).toEqual([]);
  const inputs: Record<string, { bytesInOutput: number }> = {};
  for (const [path, { bytesInOutput }] of outputs.flatMap(([, out]) => Object.entries(out.inputs))) {
    inputs[path] = { bytesInOutput: (inputs[path]?.bytesInOutput ?? 0) + bytesInOutput };
  }
  return { exports: entry[0]![1].exports, inputs };
};

/** The packages in index.mjs and the chunks it imports statically: what node parses before the first invocation. */
const loadedAtStart = (fn: AwsFunction) => {
  const { outputs } = metafile(fn);
  const start = new Set(Object.keys(outputs).filter((name) => name.endsWith(`aws/${fn}/index.mjs`)));
  for (const name of start) for (const { path, kind } of outputs[name]!.imports) if (kind === "import-statement" && outputs[path]) start.add(path);
  return [...start].flatMap((name) => Object.keys(outputs[name]!.inputs));
};

// Google and Azure code, and every store but DynamoDB (SDKs and Skyport's store packages). The Redis client is carried:
// the template offers the cache (CacheSubnetIds), and a function loads it from a chunk with SKYPORT_CACHE=redis only.
const FOREIGN = /@google-cloud\/|google-gax|googleapis|firebase|@azure\/|firestore|cosmos|better-sqlite3|adapters\/(sqlite|firestore|cosmos|gcp-|azure-)/i;

describe("dist/aws/<function>/index.mjs, from esbuild's metafiles", () => {
  for (const fn of AWS_FUNCTIONS) {
    it(`${fn}: index.mjs exporting handler and the chunks beside it, with no Google, Azure or other store code`, () => {
      const { inputs, exports } = output(fn);
      expect(exports).toEqual(["handler"]);
      const paths = Object.keys(inputs);
      expect(paths.filter((path) => FOREIGN.test(path))).toEqual([]);
      for (const wanted of [
        "node_modules/@aws-sdk/client-dynamodb/",
        "node_modules/@aws-sdk/lib-dynamodb/",
        "adapters/dynamodb/src/",
        "adapters/aws-lambda/src/",
      ]) {
        expect(
          paths.some((path) => path.includes(wanted)),
          wanted,
        ).toBe(true);
      }
      // The only AWS service clients: DynamoDB's, SQS's where the function publishes (the outbox; the API no longer does) or
      // dead-letters a stream's poison records (ship), and S3's in the import alone (loaded on its first read).
      const clients = new Set(paths.map((path) => /node_modules\/@aws-sdk\/(client-[a-z0-9-]+)\//.exec(path)?.[1]).filter(Boolean));
      const own: Partial<Record<AwsFunction, string[]>> = { outbox: ["client-sqs"], ship: ["client-sqs"], import: ["client-s3"] };
      expect([...clients].sort()).toEqual(["client-dynamodb", ...(own[fn] ?? [])].sort());
    });
  }
});

describe("what only some invocations load is a chunk, not parsed at cold start", () => {
  for (const fn of AWS_FUNCTIONS) {
    it(`${fn}: jose (first token), the store SDK (store configured) and the Redis client (cache on) are not in what index.mjs loads at start`, () => {
      const atStart = loadedAtStart(fn);
      expect(atStart.filter((path) => /node_modules\/(jose|@aws-sdk\/(client|lib)-dynamodb|@redis)\//.test(path))).toEqual([]);
      // Carried all the same, beside it in chunks/ (the store's SDK; jose where the function builds the JWT identity).
      expect(Object.keys(output(fn).inputs).some((path) => path.includes("node_modules/@aws-sdk/client-dynamodb/"))).toBe(true);
    });
  }
});

describe("each Lambda bundle carries its own function's handlers and no other's", () => {
  for (const fn of AWS_FUNCTIONS) {
    it(`${fn}: ${HANDLERS[fn].join(", ")} and none of the others' handlers`, () => {
      const { inputs } = output(fn);
      const carried = (source: string) => Object.entries(inputs).some(([path, { bytesInOutput }]) => path.endsWith(source) && bytesInOutput > 0);
      expect(HANDLERS[fn].filter((source) => !carried(source))).toEqual([]);
      expect(othersCarried(fn, carried)).toEqual([]);
    });

    it(`${fn}: only its own kind's Lambda event translation (adapters/aws-lambda/src/${app.functions[fn].trigger.kind}/handler.ts)`, () => {
      const { inputs } = output(fn);
      const kinds = Object.entries(inputs)
        .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
        .map(([path]) => /adapters\/aws-lambda\/src\/([a-z]+)\/handler\.ts$/.exec(path)?.[1])
        .filter(Boolean);
      expect(kinds).toEqual([app.functions[fn].trigger.kind]);
    });
  }
});

describe("the bundles on SKYPORT_STORE=memory, loaded as the Node.js runtime loads index.mjs", () => {
  const load = async (fn: AwsFunction) => {
    Object.assign(process.env, { SKYPORT_STORE: "memory", SKYPORT_LOG_LEVEL: "error" });
    return (await import(/* @vite-ignore */ pathToFileURL(bundleFile(fn, "index.mjs")).href)) as {
      handler: (event: unknown, context: unknown) => Promise<unknown>;
    };
  };

  it("api answers a POST and the read that follows", async () => {
    const { handler } = await load("api");
    const body = JSON.stringify({ customerId: "cus_bundle", items: [{ sku: "A", quantity: 1, unitPrice: 1 }], currency: "EUR" });
    const created = (await handler(
      httpApiEvent({ method: "POST", path: "/orders", headers: { "content-type": "application/json" }, body }),
      lambdaContext(),
    )) as APIGatewayProxyStructuredResultV2;
    expect(created.statusCode, created.body).toBe(201);
    const { id } = JSON.parse(created.body!);
    const read = (await handler(httpApiEvent({ method: "GET", path: `/orders/${id}` }), lambdaContext())) as APIGatewayProxyStructuredResultV2;
    expect(JSON.parse(read.body!)).toMatchObject({ id, status: "pending" });
  });

  it("queue reports a poison message", async () => {
    const { handler } = await load("confirm");
    expect(await handler(sqsEvent([{ id: "p", body: "null" }]), lambdaContext())).toEqual({
      batchItemFailures: [{ itemIdentifier: "p" }],
    } satisfies SQSBatchResponse);
  });

  it("cleanup runs and reports", async () => {
    const { handler } = await load("cleanup");
    expect(await handler(scheduledEvent(), lambdaContext())).toEqual({ deleted: 0, skipped: 0 });
  });
});
