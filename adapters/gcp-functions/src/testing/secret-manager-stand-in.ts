import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** A Secret Manager endpoint on loopback whose secrets a test sets, rotates, deletes and throttles. */
export interface SecretManagerStandIn {
  /** The endpoint to point the client at (`SKYPORT_SECRET_MANAGER_ENDPOINT`). */
  url: string;
  /** The latest version's value of each secret by name; set one to add a version (a rotation), delete it to make it missing. */
  values: Map<string, string>;
  /** Names whose reads answer 429 RESOURCE_EXHAUSTED, as Secret Manager does past its quota. */
  throttled: Set<string>;
  /** The version name of every access that reached it, in order. */
  reads: string[];
  close(): Promise<void>;
}

const ACCESS = /^\/v1\/projects\/([^/]+)\/secrets\/([^/]+)\/versions\/([^/:]+):access$/;

/**
 * `versions.access` of Secret Manager's REST API (v1) on loopback: no Secret Manager runs here, so
 * this answers the client's real request (bearer token required) in the documented shapes: the
 * payload's data in base64, or a google.rpc error (404 NOT_FOUND, 429 RESOURCE_EXHAUSTED). Any
 * other call is refused, so a test cannot lean on what this does not do.
 */
export async function secretManagerStandIn(): Promise<SecretManagerStandIn> {
  const values = new Map<string, string>();
  const throttled = new Set<string>();
  const reads: string[] = [];
  const server = createServer((request, response) => {
    const answer = (status: number, payload: unknown) => {
      response.writeHead(status, { "content-type": "application/json; charset=UTF-8" });
      response.end(JSON.stringify(payload));
    };
    const error = (code: number, status: string, message: string) => answer(code, { error: { code, message, status } });
    request.resume();
    const path = new URL(request.url ?? "/", "http://stand-in").pathname;
    const match = ACCESS.exec(path);
    if (request.method !== "GET" || !match) return error(404, "NOT_FOUND", `not served by this stand-in: ${request.method} ${path}`);
    if (!/^Bearer \S+$/.test(request.headers.authorization ?? ""))
      return error(401, "UNAUTHENTICATED", "Request is missing required authentication credential.");
    const [, project, secret, version] = match as unknown as [string, string, string, string];
    reads.push(`projects/${project}/secrets/${secret}/versions/${version}`);
    if (throttled.has(secret)) return error(429, "RESOURCE_EXHAUSTED", "Quota exceeded for quota metric 'Access requests'.");
    const value = values.get(secret);
    if (value === undefined || version !== "latest")
      return error(404, "NOT_FOUND", `Secret [projects/${project}/secrets/${secret}] not found or has no versions.`);
    answer(200, { name: `projects/${project}/secrets/${secret}/versions/1`, payload: { data: Buffer.from(value).toString("base64") } });
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
