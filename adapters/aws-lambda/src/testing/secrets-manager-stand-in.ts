import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/** A Secrets Manager endpoint on loopback whose secrets a test sets, rotates, deletes and throttles. */
export interface SecretsManagerStandIn {
  /** The endpoint to give the client (`AWS_ENDPOINT_URL_SECRETS_MANAGER`). */
  url: string;
  /** The current value of each secret by name; set one to rotate it, delete it to make it missing. */
  values: Map<string, string>;
  /** Names whose reads answer ThrottlingException, as Secrets Manager does past its request quota. */
  throttled: Set<string>;
  /** The SecretId of every GetSecretValue that reached it, in order. */
  reads: string[];
  close(): Promise<void>;
}

const body = async (request: IncomingMessage) => {
  let text = "";
  for await (const chunk of request) text += chunk;
  return text;
};

/**
 * GetSecretValue over Secrets Manager's wire protocol (AWS JSON 1.1: `X-Amz-Target:
 * secretsmanager.GetSecretValue`) on loopback: no Secrets Manager runs here, so this takes the
 * SDK's real, signed request off the wire and answers in the documented shapes, errors included
 * (400 with `__type` ResourceNotFoundException or ThrottlingException). Any other operation is
 * refused, so a test cannot lean on what this does not do.
 */
export async function secretsManagerStandIn(): Promise<SecretsManagerStandIn> {
  const values = new Map<string, string>();
  const throttled = new Set<string>();
  const reads: string[] = [];
  const server = createServer(async (request, response) => {
    const answer = (status: number, payload: unknown) => {
      response.writeHead(status, { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": randomUUID() });
      response.end(JSON.stringify(payload));
    };
    const text = await body(request);
    const signed = /^AWS4-HMAC-SHA256 Credential=/.test(request.headers.authorization ?? "");
    if (request.method !== "POST" || request.headers["x-amz-target"] !== "secretsmanager.GetSecretValue" || !signed) {
      answer(400, { __type: "UnknownOperationException", message: `not served by this stand-in: ${request.headers["x-amz-target"]}` });
      return;
    }
    const { SecretId } = JSON.parse(text) as { SecretId: string };
    reads.push(SecretId);
    const value = values.get(SecretId);
    if (throttled.has(SecretId)) answer(400, { __type: "ThrottlingException", message: "Rate exceeded" });
    else if (value === undefined) answer(400, { __type: "ResourceNotFoundException", message: "Secrets Manager can't find the specified secret." });
    else
      answer(200, {
        ARN: `arn:aws:secretsmanager:us-east-1:123456789012:secret:${SecretId}-AbCdEf`,
        Name: SecretId,
        SecretString: value,
        VersionId: randomUUID(),
        VersionStages: ["AWSCURRENT"],
        CreatedDate: Date.now() / 1000,
      });
  });
  server.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    values,
    throttled,
    reads,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
