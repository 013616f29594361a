import type { History, KeyHistory } from "./history.js";
import { type SeededRandom, sleep } from "./seeded-random.js";

/** One POST /orders client: a new Idempotency-Key per order, retried with the same key until it gets a final answer. */
export async function postOrders(
  url: string,
  client: number,
  random: SeededRandom,
  history: History,
  phase: { creating: boolean; settleUntil: number },
  onCreated: (orderId: string) => void,
): Promise<void> {
  for (let n = 1; phase.creating; n++) {
    const key: KeyHistory = { key: `fault-${client}-${n}-${random.int(0, 2 ** 31)}`, sku: `K${client}-${n}`, answers: [], ids: [] };
    history.keys.push(key);
    const body = JSON.stringify({
      customerId: `cus_fault_${client}`,
      items: [{ sku: key.sku, quantity: random.int(1, 5), unitPrice: random.int(0, 10_000) }],
      currency: "EUR",
    });
    while (Date.now() < phase.settleUntil) {
      const status = await post(url, key.key, body, history);
      key.answers.push(status.status);
      if (status.status === 201) {
        key.ids.push(status.id!);
        onCreated(status.id!);
        break;
      }
      // A 4xx other than 409 (in flight) is final: the checker reports it.
      if (typeof status.status === "number" && status.status >= 400 && status.status < 500 && status.status !== 409) break;
      await sleep(random.int(50, 300));
    }
    await sleep(random.int(0, 20));
  }
}

async function post(url: string, key: string, body: string, history: History): Promise<{ status: number | "no answer"; id?: string }> {
  history.requests += 1;
  try {
    const response = await fetch(`${url}/orders`, {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": key },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    return { status: response.status, id: response.status === 201 ? (JSON.parse(text) as { id: string }).id : undefined };
  } catch {
    return { status: "no answer" };
  }
}
