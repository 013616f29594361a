import { fetchTarget } from "@skyport/core/testing";
import { httpContract, withBearer } from "@skyport/core/orders/testing";

const baseUrl = process.env.SKYPORT_BASE_URL;
if (!baseUrl)
  throw new Error("set SKYPORT_BASE_URL to the deployed service, e.g. SKYPORT_BASE_URL=https://abc.execute-api.eu-west-1.amazonaws.com npm run test:contract");
const settleMs = Number(process.env.SKYPORT_SETTLE_MS ?? 3000);
// Every deployment verifies callers: an orders:admin token of the deployment's issuer.
const token = process.env.SKYPORT_CONTRACT_TOKEN;
if (!token)
  throw new Error("set SKYPORT_CONTRACT_TOKEN to a JWT of the deployment's issuer with the orders:admin scope (and SKYPORT_CONTRACT_SUBJECT to its sub)");

// A deployed service confirms orders through its real queue: give the consumer time before
// the cases that need to know an order's settled status. No store is in reach here: the suite
// races concurrent requests for the in-flight 409, and the consumer for a still-pending order.
httpContract(`deployed service at ${baseUrl}`, () =>
  withBearer(
    fetchTarget(baseUrl, { settle: () => new Promise<void>((resolve) => setTimeout(resolve, settleMs)) }),
    process.env.SKYPORT_CONTRACT_SUBJECT ?? "",
    async () => token,
  ),
);
