import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** A Key Vault endpoint on loopback whose secrets a test sets, rotates, deletes and throttles. */
export interface KeyVaultStandIn {
  /** The vault URL to give the app (`SKYPORT_KEY_VAULT_URL`). */
  url: string;
  /** The current version's value of each secret by name; set one to add a version (a rotation), delete it to make it missing. */
  values: Map<string, string>;
  /** Names whose reads answer 429 Throttled, as Key Vault does past its service limits. */
  throttled: Set<string>;
  /** The secret name of every authorized Get Secret that reached it, in order (the challenge round trips not counted). */
  reads: string[];
  /** The bearer tokens it was sent. */
  tokens: string[];
  close(): Promise<void>;
}

const GET_SECRET = /^\/secrets\/([0-9a-zA-Z-]{1,127})\/?$/;

/**
 * Get Secret of Key Vault's REST API on loopback: no Key Vault runs here, so this answers the
 * client's real requests in the documented shapes: the challenge first (401 with
 * `WWW-Authenticate: Bearer authorization=..., resource=...`, which the client answers with a
 * token of the credential), then the secret bundle (`value`, `id`), or an error (404
 * SecretNotFound, 429 Throttled). Any other call is refused, so a test cannot lean on what this does not do.
 */
export async function keyVaultStandIn(): Promise<KeyVaultStandIn> {
  const values = new Map<string, string>();
  const throttled = new Set<string>();
  const reads: string[] = [];
  const tokens: string[] = [];
  let base = "";
  const server = createServer((request, response) => {
    const answer = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
      response.end(JSON.stringify(payload));
    };
    const error = (status: number, code: string, message: string) => answer(status, { error: { code, message } });
    request.resume();
    const url = new URL(request.url ?? "/", base);
    const match = GET_SECRET.exec(url.pathname);
    if (request.method !== "GET" || !match || !url.searchParams.get("api-version"))
      return error(400, "BadParameter", `not served by this stand-in: ${request.method} ${url.pathname}`);
    const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? "")?.[1];
    if (!token)
      return answer(
        401,
        { error: { code: "Unauthorized", message: "AKV10000: Request is missing a Bearer or PoP token." } },
        {
          "www-authenticate":
            'Bearer authorization="https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000", resource="https://vault.azure.net"',
        },
      );
    tokens.push(token);
    const name = match[1]!;
    reads.push(name);
    if (throttled.has(name)) return error(429, "Throttled", "Request was not processed because too many requests were received.");
    const value = values.get(name);
    if (value === undefined) return error(404, "SecretNotFound", `A secret with (name/id) ${name} was not found in this key vault.`);
    answer(200, {
      value,
      id: `${base}secrets/${name}/0123456789abcdef0123456789abcdef`,
      attributes: { enabled: true, created: 1_767_225_600, updated: 1_767_225_600, recoveryLevel: "Recoverable+Purgeable" },
    });
  });
  server.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}/`;
  return {
    url: base,
    values,
    throttled,
    reads,
    tokens,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
