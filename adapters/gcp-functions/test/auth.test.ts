import { http } from "@google-cloud/functions-framework";
import { jwtIdentity } from "@skyport/core";
import { createOrderService } from "@skyport/core/orders";
import { fetchTarget, type TestIssuer } from "@skyport/core/testing";
import { authContract, memoryOrderDeps } from "@skyport/core/orders/testing";
import { gcpHttpHandler } from "../src/index.js";
import { serveFunction } from "../src/testing/index.js";
import { capturedLogger } from "./order-service.js";

let registered = 0;

/** The order handlers verifying the issuer's tokens, behind the functions framework, on loopback. */
async function frameworkTarget(issuer: Pick<TestIssuer, "issuer" | "audience">) {
  const deps = memoryOrderDeps({ identity: jwtIdentity(issuer), customerClaim: "sub" });
  const service = createOrderService(deps);
  const name = `ordersAuth${++registered}`;
  http(
    name,
    gcpHttpHandler(async () => service.http, { logger: capturedLogger().logger }),
  );
  const server = await serveFunction(name);
  return { deps, target: fetchTarget(server.url, { idempotency: deps.idempotency, orders: deps.orders, close: server.close }) };
}

authContract("functions framework HTTP function", async (issuer) => (await frameworkTarget(issuer)).target);
