import type { QueueFile } from "@skyport/local";
import type { History } from "./history.js";
import { type SeededRandom, sleep } from "./seeded-random.js";

/**
 * A warehouse: takes orders the posters made, and once one reads `confirmed` puts its
 * shipment.dispatched record on the `shipments` stream from outside the server (the queue file,
 * as `skyport put-records` does), sometimes twice; now and then a record for an order that does not exist (poison).
 */
export async function putShipments(
  url: string,
  queueFile: QueueFile,
  random: SeededRandom,
  history: History,
  created: string[],
  phase: { creating: boolean },
): Promise<void> {
  let shipments = 0;
  const shipped = new Set<string>();
  while (phase.creating) {
    await sleep(random.int(100, 400));
    const candidates = created.filter((id) => !shipped.has(id)).slice(-5);
    for (const orderId of candidates) {
      if (!phase.creating) return;
      const status = await statusOf(url, orderId, history);
      if (status !== "confirmed") continue;
      shipped.add(orderId);
      const shipmentId = `shp_${++shipments}`;
      const puts = random.chance(0.1) ? 2 : 1;
      for (let i = 0; i < puts; i++) queueFile.put("shipments", [dispatched(orderId, shipmentId)]);
      history.shipments.push({ orderId, shipmentId, puts });
    }
    if (random.chance(0.1)) {
      const poison = { orderId: `ord_poison_${shipments}_${random.int(0, 1e6)}`, shipmentId: `shp_poison_${history.poison.length + 1}` };
      queueFile.put("shipments", [dispatched(poison.orderId, poison.shipmentId)]);
      history.poison.push(poison);
    }
  }
}

const dispatched = (orderId: string, shipmentId: string) => ({
  partitionKey: orderId,
  data: JSON.stringify({
    type: "shipment.dispatched",
    orderId,
    shipmentId,
    carrier: "Fault Express",
    trackingNumber: `T-${shipmentId}`,
    dispatchedAt: new Date().toISOString(),
  }),
});

async function statusOf(url: string, orderId: string, history: History): Promise<string | undefined> {
  history.requests += 1;
  try {
    const response = await fetch(`${url}/orders/${orderId}`, { signal: AbortSignal.timeout(5000) });
    return response.ok ? ((await response.json()) as { status: string }).status : undefined;
  } catch {
    return undefined;
  }
}
