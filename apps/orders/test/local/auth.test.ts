import { authContract, fetchTarget, httpContract, startTestIssuer, withBearer, type TestIssuer } from "@skyport/core/testing";
import { afterAll, beforeAll, describe } from "vitest";
import { startLocalServer } from "./local-server.js";

/** The order app as npm start runs it, with SKYPORT_AUTH_ISSUER and SKYPORT_AUTH_AUDIENCE set. */
async function authenticatedServer(issuer: Pick<TestIssuer, "issuer" | "audience">) {
  const server = await startLocalServer(
    { PORT: "0", SKYPORT_STORE: "memory", SKYPORT_LOG_LEVEL: "error", SKYPORT_AUTH_ISSUER: issuer.issuer, SKYPORT_AUTH_AUDIENCE: issuer.audience },
    { logWrite: () => {} },
  );
  const { orders, idempotency } = await server.stores();
  return fetchTarget(server.url, { orders, idempotency, settle: () => server.queue.drain(), close: server.close });
}

authContract("local server over HTTP", authenticatedServer);

describe("with authentication on, as an orders:admin caller", () => {
  let issuer: TestIssuer;
  beforeAll(async () => {
    issuer = await startTestIssuer();
  });
  afterAll(() => issuer.close());
  httpContract("local server over HTTP, an admin's token", async () => withBearer(await authenticatedServer(issuer), "ops", () => issuer.mint({ sub: "ops", scope: "orders:admin" })));
});
