import { createOrderService, jwtIdentity } from "@skyport/core";
import { authContract, httpContract, memoryOrderDeps, startTestIssuer, withBearer, type TestIssuer } from "@skyport/core/testing";
import { afterAll, beforeAll, describe } from "vitest";
import { azureHttpHandler } from "../src/index.js";
import { azureHttpTarget } from "../src/testing/index.js";

/** The order handlers verifying the issuer's tokens, behind the Azure HTTP handler. */
function azureTarget(issuer: Pick<TestIssuer, "issuer" | "audience">) {
  const deps = memoryOrderDeps({ identity: jwtIdentity(issuer), customerClaim: "sub" });
  const service = createOrderService(deps);
  return azureHttpTarget(azureHttpHandler(async () => service.http, { logLevel: "error" }), { idempotency: deps.idempotency, orders: deps.orders });
}

authContract("Azure Functions HTTP handler", azureTarget);

describe("with authentication on, as an orders:admin caller", () => {
  let issuer: TestIssuer;
  beforeAll(async () => {
    issuer = await startTestIssuer();
  });
  afterAll(() => issuer.close());
  httpContract("Azure Functions HTTP handler, an admin's token", () => withBearer(azureTarget(issuer), "ops", () => issuer.mint({ sub: "ops", scope: "orders:admin" })));
});
