import { jwtIdentity, silentLogger } from "@skyport/core";
import { createOrderService } from "@skyport/core/orders";
import type { TestIssuer } from "@skyport/core/testing";
import { authContract, memoryOrderDeps } from "@skyport/core/orders/testing";
import { lambdaHttpHandler } from "../src/index.js";
import { httpApiEvent, restApiEvent, sendThroughLambda } from "../src/testing/index.js";

/** The order handlers verifying the issuer's tokens, behind the Lambda HTTP handler. */
function lambdaTarget(issuer: Pick<TestIssuer, "issuer" | "audience">, event: typeof httpApiEvent | typeof restApiEvent) {
  const deps = memoryOrderDeps({ identity: jwtIdentity(issuer), customerClaim: "sub" });
  const service = createOrderService(deps);
  const send = sendThroughLambda(
    lambdaHttpHandler(async () => service.http, { logger: silentLogger }),
    (r) => event(r),
  );
  return { send, idempotency: deps.idempotency, orders: deps.orders };
}

authContract("Lambda, HTTP API payload 2.0", (issuer) => lambdaTarget(issuer, httpApiEvent));
authContract("Lambda, REST API payload 1.0", (issuer) => lambdaTarget(issuer, restApiEvent));
