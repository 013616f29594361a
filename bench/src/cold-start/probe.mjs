// One cold start: a fresh process imports a built bundle and completes its first invocation,
// GET /health through the cloud's own request shape. Prints when that answer was back, in ms
// since the process started (performance.timeOrigin), then exits at once.
import { pathToFileURL } from "node:url";

// The platform's runtime has opened stdout before it loads a function (Lambda's runtime and the
// functions framework log through it): open it here too, for both bundles alike.
void process.stdout;

const [cloud, bundle] = process.argv.slice(2);
const module = await import(pathToFileURL(bundle).href);
const status = await { aws, gcp, azure, "aws-confirm": awsQueue, "aws-cleanup": awsCleanup }[cloud](module);
const inProcessMs = performance.now();
process.stdout.write(`\n${JSON.stringify({ probe: cloud, status, inProcessMs })}\n`);
process.exit(0);

/** API Gateway HTTP API (payload 2.0), as Lambda's runtime hands it to `handler`. */
async function aws({ handler }) {
  const event = {
    version: "2.0",
    routeKey: "$default",
    rawPath: "/health",
    rawQueryString: "",
    headers: { accept: "*/*", host: "abc123.execute-api.us-east-1.amazonaws.com", "x-amzn-trace-id": "Root=1-5e9f0c65-1de4d666d4dd26aced652b6c" },
    requestContext: {
      accountId: "123456789012",
      apiId: "abc123",
      domainName: "abc123.execute-api.us-east-1.amazonaws.com",
      http: { method: "GET", path: "/health", protocol: "HTTP/1.1", sourceIp: "203.0.113.7", userAgent: "curl/8" },
      requestId: "JKJaXmPLvHcESHA=",
      routeKey: "$default",
      stage: "$default",
      time: "26/Nov/2026:10:00:00 +0000",
      timeEpoch: 1795687200000,
    },
    isBase64Encoded: false,
  };
  const deadline = Date.now() + 30_000;
  const context = { awsRequestId: "8f5a2b1c-0d3e-4f60-8a7b-9c0d1e2f3a4b", functionName: "orders-http", getRemainingTimeInMillis: () => deadline - Date.now() };
  return (await handler(event, context)).statusCode;
}

function lambdaContext(functionName) {
  const deadline = Date.now() + 30_000;
  return { awsRequestId: "6b0c1f2e-3d4a-4b5c-8d7e-9f0a1b2c3d4e", functionName, getRemainingTimeInMillis: () => deadline - Date.now() };
}

/**
 * One order.created message from SQS, for an order no store holds: the queue function's first
 * batch. Answered is what counts here (the check of which store code ran uses it with a store
 * that cannot be reached), not whether the message failed.
 */
async function awsQueue({ handler }) {
  const record = {
    messageId: "0b2c1d4e-5f60-4718-9a2b-3c4d5e6f7a8b",
    receiptHandle: "AQEB",
    body: JSON.stringify({ type: "order.created", orderId: "ord_01JD0000000000000000000000" }),
    attributes: { ApproximateReceiveCount: "1", SentTimestamp: "1795687200000", SenderId: "AIDAEXAMPLE", ApproximateFirstReceiveTimestamp: "1795687200001" },
    messageAttributes: {},
    md5OfBody: "",
    eventSource: "aws:sqs",
    eventSourceARN: "arn:aws:sqs:us-east-1:123456789012:skyport-orders",
    awsRegion: "us-east-1",
  };
  await handler({ Records: [record] }, lambdaContext("orders-queue"));
  return 200;
}

/** An EventBridge scheduled event: the cleanup function's first run, finished or failed on the store. */
async function awsCleanup({ handler }) {
  const event = {
    version: "0",
    id: "53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa",
    "detail-type": "Scheduled Event",
    source: "aws.events",
    account: "123456789012",
    time: "2026-11-26T03:00:00Z",
    region: "us-east-1",
    resources: ["arn:aws:events:us-east-1:123456789012:rule/orders-cleanup"],
    detail: {},
  };
  await handler(event, lambdaContext("orders-cleanup")).catch(() => {});
  return 200;
}

/** The functions framework's registered function, called with a request as the framework passes it. */
async function gcp() {
  const { getFunction } = await import("@google-cloud/functions-framework/testing");
  const { IncomingMessage, ServerResponse } = await import("node:http");
  const { Socket } = await import("node:net");
  const req = new IncomingMessage(new Socket());
  Object.assign(req, {
    method: "GET",
    url: "/health",
    originalUrl: "/health",
    headers: { host: "orders-abc123-ew.a.run.app" },
    executionId: "c0ld5tart",
    body: {},
  });
  req.push(null);
  const res = new ServerResponse(req);
  await getFunction("api")(req, res);
  return res.statusCode;
}

/** app.http's handler, exported by the app, with the objects @azure/functions builds for it. */
async function azure({ handlers }) {
  const http = handlers.api;
  const azureFunctions = await import("@azure/functions");
  const { HttpRequest, InvocationContext } = azureFunctions.default ?? azureFunctions; // CommonJS
  const request = new HttpRequest({ method: "GET", url: "https://orders.azurewebsites.net/health", headers: { host: "orders.azurewebsites.net" } });
  const context = new InvocationContext({ invocationId: "3f0c8a52-4c5e-4b8e-9d2a-1b7c6e5f4a3d", functionName: "api", logHandler: () => {} });
  return (await http(request, context)).status;
}
