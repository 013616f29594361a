import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { Order } from "@skyport/core/orders";
import { systemClock } from "../../../core/src/ports/clock.js";
import { ulidIds } from "../../../core/src/orders/ids.js";
import { handWrittenApiGatewayV2 } from "../hand-written/aws-lambda.js";
import { plainObservability } from "../hand-written/observability.js";

/** Lines to stdout, which the platform ships to its log store; pino at info, as the templates deploy. */
const stdout = (line: string) => void process.stdout.write(line);

// The hand-written HTTP function as one deploys it to Lambda: the DynamoDB client made at load, the
// one SDK of Skyport's api bundle. It publishes nothing, as Skyport's api: the table's stream (the
// outbox function) announces each order.
const table = process.env.SKYPORT_COLLECTION_ORDERS!;
const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));

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
});
