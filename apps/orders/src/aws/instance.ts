import { cloudWatchFormat } from "@skyport/aws-lambda";
import { memoryStores, type Env } from "@skyport/core";
import { readDynamoDbSettings } from "@skyport/dynamodb/settings";
import { lazyOrderService, lazyStore, type EntryOptions, type StoreLoaders } from "../container.js";

/** The stores the AWS bundles carry; DynamoDB's SDK is imported on first use only. */
export const AWS_STORES: StoreLoaders = {
  memory: memoryStores,
  dynamodb: lazyStore(readDynamoDbSettings, () => import("@skyport/dynamodb").then((m) => m.dynamoDbStores)),
};

/** Where log lines go: stdout (which Lambda sends to CloudWatch Logs) unless a test takes them. */
export type LogOptions = Pick<EntryOptions, "logWrite">;

/** One order service per Lambda instance: configuration read now, the service built on first use. */
export function awsOrderService(env: Env, events: EntryOptions["events"], logs: LogOptions = {}) {
  return lazyOrderService({ cloud: "aws", env, defaultStore: "dynamodb", stores: AWS_STORES, events, logFormat: cloudWatchFormat(), ...logs });
}
