import { fetchTarget, httpContract } from "@skyport/core/testing";

const baseUrl = process.env.SKYPORT_BASE_URL;
if (!baseUrl) throw new Error("set SKYPORT_BASE_URL to the deployed service, e.g. SKYPORT_BASE_URL=https://abc.execute-api.eu-west-1.amazonaws.com npm run test:contract");
const settleMs = Number(process.env.SKYPORT_SETTLE_MS ?? 3000);

// A deployed service confirms orders through its real queue: give the consumer time before
// the cases that need to know an order's settled status. No store is in reach here: the suite
// races concurrent requests for the in-flight 409, and the consumer for a still-pending order.
httpContract(`deployed service at ${baseUrl}`, () =>
  fetchTarget(baseUrl, { settle: () => new Promise<void>((resolve) => setTimeout(resolve, settleMs)) }),
);
