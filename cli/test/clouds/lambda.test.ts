import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { httpApiEvent, sendThroughLambda } from "@skyport/aws-lambda/testing";
import { idempotencyCollection, type Documents } from "@skyport/core";
import { dynamoDbDocumentsOn } from "@skyport/dynamodb";
import { dynamoDbLocalClient, dynamoDbLocalEnv } from "@skyport/dynamodb/testing";
import { afterAll, beforeAll, describe, inject } from "vitest";
import { readTemplate } from "../../src/checks/index.js";
import { notes } from "../../template/src/notes.js";
import { notesCacheContract, notesContract, type NotesTarget } from "./notes-contract.js";
import { createTemplateTable } from "./sam-table.js";

describe("a generated app's api Lambda bundle, invoked as Lambda invokes it, keeps its notes in DynamoDB (DynamoDB Local), cached in Redis", () => {
  let documents: Documents;
  let target: NotesTarget;
  let other: NotesTarget;

  beforeAll(async () => {
    const app = inject("demoApp");
    const endpoint = inject("dynamoDbEndpoint");
    const hex = randomBytes(4).toString("hex");
    const tables = { [notes.name]: `demo-notes-${hex}`, [idempotencyCollection.name]: `demo-keys-${hex}` };
    // The function's environment as the template sets it (SKYPORT_COLLECTION_<NAME>: each table; the cache on), pointed at DynamoDB Local and redis-server.
    const env = { ...dynamoDbLocalEnv(endpoint, tables), SKYPORT_LOG_LEVEL: "error", SKYPORT_CACHE: "redis", SKYPORT_REDIS_URL: inject("redisUrl") };
    const client = dynamoDbLocalClient(endpoint);
    documents = dynamoDbDocumentsOn(client, env);
    const template = readTemplate(join(app, "deploy/aws/template.yaml"));
    await createTemplateTable(client, template, "NotesTable", tables[notes.name]!);
    await createTemplateTable(client, template, "IdempotencyKeysTable", tables[idempotencyCollection.name]!);
    Object.assign(process.env, env);
    // Two instances of the function (the bundle imported twice: two module instances), each its own Redis client.
    const bundle = pathToFileURL(join(app, "dist/aws/api/index.mjs")).href;
    const [one, two] = [await import(/* @vite-ignore */ bundle), await import(/* @vite-ignore */ `${bundle}?instance=2`)];
    target = { send: sendThroughLambda(one.handler, httpApiEvent), stored: documents.collection(notes) };
    other = { send: sendThroughLambda(two.handler, httpApiEvent), stored: documents.collection(notes) };
  });
  afterAll(() => documents?.close());

  notesContract(() => target);
  notesCacheContract(
    () => target,
    () => other,
  );
});
