import { randomBytes } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { BatchWriteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { STORED_FIELDS } from "@skyport/core";
import { dynamoDbDocumentsOn } from "@skyport/dynamodb";
import { startDynamoDbLocal } from "@skyport/dynamodb/testing";
import { type BenchDocument, type DocumentSide, PAGE, portableDeclaration, portableSide, RAW_LOCATION, rawDeclaration, type StorePair } from "./workload.js";

const { document: DOCUMENT, version: VERSION } = STORED_FIELDS;
const newVersion = () => randomBytes(12).toString("base64url");
const itemOf = (document: BenchDocument, version: string) => ({
  tenant: document.tenant,
  id: document.id,
  [DOCUMENT]: JSON.stringify(document),
  [VERSION]: version,
});
const documentOf = (item: Record<string, unknown>) => JSON.parse(item[DOCUMENT] as string) as BenchDocument;

/** By hand with lib-dynamodb on the store's item layout: the same requests, with only the conditions this collection needs (it has no expiry). */
export function rawDynamoDb(client: DynamoDBDocumentClient, table: string): DocumentSide<string> {
  const writeBatch = async (items: Record<string, unknown>[]) => {
    let requests = items.map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt === 5) throw new Error("DynamoDB left items unprocessed");
      const { UnprocessedItems } = await client.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
      requests = (UnprocessedItems?.[table] ?? []) as typeof requests;
    }
  };
  return {
    async get(tenant, id) {
      const { Item } = await client.send(new GetCommand({ TableName: table, Key: { tenant, id }, ConsistentRead: true }));
      return Item && documentOf(Item);
    },
    async create(document) {
      const version = newVersion();
      const condition = { ConditionExpression: "attribute_not_exists(tenant)" };
      await client.send(new PutCommand({ TableName: table, Item: itemOf(document, version), ...condition }));
      return version;
    },
    async put(document, at) {
      const version = newVersion();
      const condition = { ConditionExpression: "#version = :at", ExpressionAttributeNames: { "#version": VERSION }, ExpressionAttributeValues: { ":at": at } };
      await client.send(new PutCommand({ TableName: table, Item: itemOf(document, version), ...condition }));
      return version;
    },
    async queryPage(tenant) {
      const page = { KeyConditionExpression: "tenant = :tenant", ExpressionAttributeValues: { ":tenant": tenant }, Limit: PAGE, ConsistentRead: true };
      const { Items = [] } = await client.send(new QueryCommand({ TableName: table, ...page }));
      return Items.map(documentOf);
    },
    async putMany(documents) {
      // 25 puts a BatchWriteItem, the four batches of 100 at once.
      const items = documents.map((document) => itemOf(document, newVersion()));
      await Promise.all(Array.from({ length: Math.ceil(items.length / 25) }, (_, i) => writeBatch(items.slice(i * 25, (i + 1) * 25))));
    },
  };
}

/** DynamoDB Local; both sides on one client (dynamoDbDocuments' own adds only timeouts), each on a table the store's ensure() made. */
export async function dynamoDbPair(): Promise<StorePair> {
  const local = await startDynamoDbLocal();
  const client = new DynamoDBClient({
    endpoint: local.endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  const documents = dynamoDbDocumentsOn(client, {});
  await documents.ensure([portableDeclaration, rawDeclaration]);
  return {
    store: "dynamodb",
    on: "DynamoDB Local",
    portable: portableSide(documents.collection(portableDeclaration)),
    raw: rawDynamoDb(DynamoDBDocumentClient.from(client), RAW_LOCATION),
    async stop() {
      await documents.close();
      await local.stop();
    },
  };
}
