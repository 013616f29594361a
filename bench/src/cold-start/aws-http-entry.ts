import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import type { Order } from "@skyport/core";
import { systemClock } from "../../../core/src/ports/clock.js";
import { ulidIds } from "../../../core/src/ports/ids.js";
import { handWrittenApiGatewayV2 } from "../hand-written/aws-lambda.js";
import { plainObservability } from "../hand-written/observability.js";

/** Lines to stdout, which the platform ships to its log store; pino at info, as the templates deploy. */
const stdout = (line: string) => void process.stdout.write(line);

// The hand-written HTTP function as one deploys it to Lambda: clients made at load, the same SDKs
// as Skyport's http bundle (DynamoDB for the orders, SQS for order.created).
const table = process.env.SKYPORT_DYNAMODB_TABLE!;
const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const sqs = new SQSClient({});

export const handler = handWrittenApiGatewayV2({
  orders: {
    async create(order: Order) {
      await documents.send(new PutCommand({ TableName: table, Item: { pk: `ORDER#${order.id}`, ...order }, ConditionExpression: "attribute_not_exists(pk)" }));
    },
    async get(id: string) {
      const { Item } = await documents.send(new GetCommand({ TableName: table, Key: { pk: `ORDER#${id}` } }));
      return (Item as Order | undefined) ?? null;
    },
  },
  ids: ulidIds(systemClock),
  observe: plainObservability("aws", "info", stdout),
  events: {
    async publish(event) {
      await sqs.send(new SendMessageCommand({ QueueUrl: process.env.SKYPORT_TOPIC_ORDERS!, MessageBody: JSON.stringify(event) }));
    },
  },
});
