import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { DeleteCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { IdempotencyRecordMissing, type BeginResult, type IdempotencyStore, type StoredResponse } from "@skyport/core";
import { idempotencyPk, recordFromAttributes, ttlSeconds, type IdempotencyItem } from "./idempotency-record.js";
import { isConditionFailed, storeError } from "./sdk-errors.js";
import { ORDERS_TABLE } from "./table.js";

/** Idempotency records in the orders table, deleted by DynamoDB's TTL once expired. */
export class DynamoDbIdempotencyStore implements IdempotencyStore {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async begin(key: string, fingerprint: string, expiresAt: Date, now: Date): Promise<BeginResult> {
    const item: IdempotencyItem = {
      pk: idempotencyPk(key),
      fingerprint,
      state: "in-flight",
      expiresAt: expiresAt.toISOString(),
      ttl: ttlSeconds(expiresAt),
    };
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          // TTL deletes lazily (within days): an expired record still present counts as absent.
          ConditionExpression: "attribute_not_exists(#pk) OR #expiresAt <= :now",
          ExpressionAttributeNames: { "#pk": ORDERS_TABLE.partitionKey, "#expiresAt": "expiresAt" },
          ExpressionAttributeValues: { ":now": now.toISOString() },
          ReturnValuesOnConditionCheckFailure: "ALL_OLD",
        }),
      );
      return { started: true };
    } catch (error) {
      // The failed condition hands back the live record atomically: no second read can race a release.
      if (error instanceof ConditionalCheckFailedException && error.Item) {
        return { started: false, existing: recordFromAttributes(error.Item) };
      }
      throw storeError(error);
    }
  }

  async complete(key: string, response: StoredResponse, expiresAt: Date): Promise<void> {
    try {
      await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { [ORDERS_TABLE.partitionKey]: idempotencyPk(key) },
          UpdateExpression: "SET #state = :completed, #response = :response, #expiresAt = :expiresAt, #ttl = :ttl",
          ConditionExpression: "attribute_exists(#pk)",
          ExpressionAttributeNames: {
            "#pk": ORDERS_TABLE.partitionKey,
            "#state": "state",
            "#response": "response",
            "#expiresAt": "expiresAt",
            "#ttl": ORDERS_TABLE.ttlAttribute,
          },
          ExpressionAttributeValues: {
            ":completed": "completed",
            ":response": JSON.stringify(response),
            ":expiresAt": expiresAt.toISOString(),
            ":ttl": ttlSeconds(expiresAt),
          },
        }),
      );
    } catch (error) {
      throw isConditionFailed(error) ? new IdempotencyRecordMissing() : storeError(error);
    }
  }

  async release(key: string): Promise<void> {
    try {
      await this.documents.send(new DeleteCommand({ TableName: this.tableName, Key: { [ORDERS_TABLE.partitionKey]: idempotencyPk(key) } }));
    } catch (error) {
      throw storeError(error);
    }
  }
}
