import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import {
  checkDocument,
  checkKey,
  DocumentExists,
  isExpired,
  newVersion,
  planQuery,
  VersionConflict,
  type Collection,
  type CollectionDeclaration,
  type Versioned,
} from "@skyport/core";
import { isConditionFailed } from "../sdk-errors.js";
import { putMany } from "./batch-write.js";
import { documentStoreError } from "./document-store-error.js";
import { queryPage } from "./query-page.js";
import { itemOf, tableKeyOf, versionedOf, type StoredItem } from "./stored-item.js";
import { transact } from "./transaction.js";
import { absent, atVersion } from "./write-conditions.js";

/**
 * One collection in its own table: single-item calls with ConditionExpressions on the version and
 * the expiry, reads strongly consistent, and an item past its expiry treated as absent everywhere.
 */
export function dynamoDbCollection<T>(client: DynamoDBDocumentClient, tableName: string, declaration: CollectionDeclaration<T>): Collection<T> {
  const live = (item: StoredItem | undefined): Versioned<T> | undefined => {
    if (item === undefined) return undefined;
    const versioned = versionedOf<T>(item);
    return isExpired(declaration, versioned.value, Date.now()) ? undefined : versioned;
  };
  return {
    declaration,
    async get(key) {
      const checked = checkKey(declaration, key);
      try {
        const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: tableKeyOf(checked), ConsistentRead: true }));
        return live(Item);
      } catch (error) {
        throw documentStoreError(error);
      }
    },
    async create(value) {
      const document = checkDocument(declaration, value);
      const version = newVersion();
      try {
        await client.send(new PutCommand({ TableName: tableName, Item: itemOf(declaration, document, version), ...absent(declaration, Date.now()) }));
      } catch (error) {
        throw isConditionFailed(error) ? new DocumentExists(document.key) : documentStoreError(error);
      }
      return { value: JSON.parse(document.json) as T, version };
    },
    async put(value, condition = {}) {
      const document = checkDocument(declaration, value);
      const version = newVersion();
      const { ifVersion } = condition;
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: itemOf(declaration, document, version),
            ...(ifVersion !== undefined && atVersion(ifVersion, Date.now())),
          }),
        );
      } catch (error) {
        throw isConditionFailed(error) ? new VersionConflict(document.key) : documentStoreError(error);
      }
      return { value: JSON.parse(document.json) as T, version };
    },
    async delete(key, condition = {}) {
      const checked = checkKey(declaration, key);
      const { ifVersion } = condition;
      try {
        if (ifVersion !== undefined) {
          await client.send(new DeleteCommand({ TableName: tableName, Key: tableKeyOf(checked), ...atVersion(ifVersion, Date.now()) }));
          return true;
        }
        // An expired item is deleted too, but it was not there to the caller.
        const { Attributes } = await client.send(new DeleteCommand({ TableName: tableName, Key: tableKeyOf(checked), ReturnValues: "ALL_OLD" }));
        return live(Attributes) !== undefined;
      } catch (error) {
        throw isConditionFailed(error) ? new VersionConflict(checked) : documentStoreError(error);
      }
    },
    // async: a refused query, transaction or batch is a rejected promise, as every other call's error.
    query: async (query) => queryPage(client, tableName, declaration, planQuery(declaration, query)),
    transact: async (operations) => transact(client, tableName, declaration, operations),
    putMany: async (values) => putMany(client, tableName, declaration, values),
  };
}
