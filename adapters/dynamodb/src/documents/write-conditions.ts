import type { CollectionDeclaration } from "@skyport/core";
import { ITEM_ATTRIBUTES } from "./item-attributes.js";

/** A ConditionExpression with its own names and values, as PutItem, DeleteItem and each transaction item take them. */
export interface WriteCondition {
  ConditionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, unknown>;
}

/** No live item at the key: none at all, or one past its expiry (which DynamoDB's TTL has not deleted yet). */
export function absent(declaration: CollectionDeclaration<unknown>, nowMs: number): WriteCondition {
  return {
    ConditionExpression: "attribute_not_exists(#key) OR #expiresAt <= :now",
    ExpressionAttributeNames: { "#key": declaration.key.partition, "#expiresAt": ITEM_ATTRIBUTES.expiresAt },
    ExpressionAttributeValues: { ":now": nowMs },
  };
}

/** A live item at exactly this version: an absent or expired one never is. */
export function atVersion(version: string, nowMs: number): WriteCondition {
  return {
    ConditionExpression: "#version = :version AND (attribute_not_exists(#expiresAt) OR #expiresAt > :now)",
    ExpressionAttributeNames: { "#version": ITEM_ATTRIBUTES.version, "#expiresAt": ITEM_ATTRIBUTES.expiresAt },
    ExpressionAttributeValues: { ":version": version, ":now": nowMs },
  };
}
