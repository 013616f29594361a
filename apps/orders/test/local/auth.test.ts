import { fetchTarget, type TestIssuer } from "@skyport/core/testing";
import { authContract } from "@skyport/core/orders/testing";
import { startLocalServer } from "./local-server.js";

/** The order app as npm start runs it, with SKYPORT_AUTH_ISSUER and SKYPORT_AUTH_AUDIENCE set. */
async function authenticatedServer(issuer: Pick<TestIssuer, "issuer" | "audience">) {
  const server = await startLocalServer(
    { PORT: "0", SKYPORT_STORE: "memory", SKYPORT_LOG_LEVEL: "error", SKYPORT_AUTH_ISSUER: issuer.issuer, SKYPORT_AUTH_AUDIENCE: issuer.audience },
    { logWrite: () => {} },
  );
  const { orders, idempotency } = await server.stores();
  return fetchTarget(server.url, { orders, idempotency, settle: () => server.settle(), close: server.close });
}

authContract("local server over HTTP", authenticatedServer);
