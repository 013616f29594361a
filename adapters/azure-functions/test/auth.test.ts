import { jwtIdentity } from "@skyport/core";
import { createOrderService } from "@skyport/core/orders";
import type { TestIssuer } from "@skyport/core/testing";
import { authContract, memoryOrderDeps } from "@skyport/core/orders/testing";
import { azureHttpHandler } from "../src/index.js";
import { azureHttpTarget } from "../src/testing/index.js";

/** The order handlers verifying the issuer's tokens, behind the Azure HTTP handler. */
function azureTarget(issuer: Pick<TestIssuer, "issuer" | "audience">) {
  const deps = memoryOrderDeps({ identity: jwtIdentity(issuer), customerClaim: "sub" });
  const service = createOrderService(deps);
  return azureHttpTarget(
    azureHttpHandler(async () => service.http, { logLevel: "error" }),
    { idempotency: deps.idempotency, orders: deps.orders },
  );
}

authContract("Azure Functions HTTP handler", azureTarget);
