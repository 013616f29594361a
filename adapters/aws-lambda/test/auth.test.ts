import { createOrderService, jwtIdentity, silentLogger } from "@skyport/core";
import { authContract, httpContract, memoryOrderDeps, startTestIssuer, withBearer, type TestIssuer } from "@skyport/core/testing";
import { afterAll, beforeAll, describe } from "vitest";
import { lambdaHttpHandler } from "../src/index.js";
import { httpApiEvent, restApiEvent, sendThroughLambda } from "../src/testing/index.js";

/** The order handlers verifying the issuer's tokens, behind the Lambda HTTP handler. */
function lambdaTarget(issuer: Pick<TestIssuer, "issuer" | "audience">, event: typeof httpApiEvent | typeof restApiEvent) {
  const deps = memoryOrderDeps({ identity: jwtIdentity(issuer), customerClaim: "sub" });
  const service = createOrderService(deps);
  return { deps, send: sendThroughLambda(lambdaHttpHandler(async () => service.http, { logger: silentLogger }), (r) => event(r)) };
}

authContract("Lambda, HTTP API payload 2.0", (issuer) => lambdaTarget(issuer, httpApiEvent));
authContract("Lambda, REST API payload 1.0", (issuer) => lambdaTarget(issuer, restApiEvent));

describe("with authentication on, as an orders:admin caller", () => {
  let issuer: TestIssuer;
  beforeAll(async () => {
    issuer = await startTestIssuer();
  });
  afterAll(() => issuer.close());
  httpContract("Lambda, HTTP API payload 2.0, an admin's token", () => {
    const { deps, send } = lambdaTarget(issuer, httpApiEvent);
    return withBearer({ send, idempotency: deps.idempotency, orders: deps.orders }, "ops", () => issuer.mint({ sub: "ops", scope: "orders:admin" }));
  });
});
