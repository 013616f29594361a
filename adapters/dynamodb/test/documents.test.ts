import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { documentsContract, freePort } from "@skyport/core/testing";
import { inject } from "vitest";
import { dynamoDbDocuments, dynamoDbDocumentsOn } from "../src/index.js";
import { REQUEST_TIMEOUTS } from "../src/request-timeouts.js";
import { dynamoDbLocalEnv } from "../src/testing/index.js";

const endpoint = inject("dynamoDbEndpoint");

documentsContract(
  "dynamodb",
  () => {
    // The production path: the SDK finds region, endpoint and credentials in the standard variables.
    Object.assign(process.env, dynamoDbLocalEnv(endpoint));
    return { documents: dynamoDbDocuments(process.env) };
  },
  async () =>
    dynamoDbDocumentsOn(
      // A closed port, with the package's timeouts and one retry: refused at once, every time.
      new DynamoDBClient({
        endpoint: `http://127.0.0.1:${await freePort()}`,
        region: "us-east-1",
        credentials: { accessKeyId: "local", secretAccessKey: "local" },
        maxAttempts: 2,
        requestHandler: REQUEST_TIMEOUTS,
      }),
      process.env,
    ),
);
