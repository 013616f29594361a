// A steady mixed load on the order API at a fixed rate: one operation per tick, whatever the answers'
// latency (an open loop, so a slowing server shows as requests in flight, not as a gentler load).
// Creates with Idempotency-Keys and retries of the same key, reads, lists by customer, cancels with
// If-Match and deletes the cancelled: the outbox and the confirm queue run on every create.

const CUSTOMERS = 40;
const KEPT = 500; // orders the load remembers to read, cancel and retry; older ones are forgotten
const MAX_IN_FLIGHT = 64;
/** One cycle of operations: 6 creates, 2 retries of a create's key, 5 reads, 3 lists, 3 cancels, 1 delete. */
const CYCLE = "CGLCGRCPGLDCGPRCGLCP".split("").map((letter) => ({ C: create, R: retry, G: read, L: list, P: cancel, D: remove })[letter]);

/** Starts the load on `url` at `perSecond` operations; `stop()` waits for those in flight and returns the tally. */
export function startMixedLoad(url, perSecond) {
  const tally = { operations: 0, requests: 0, errors: 0, unexpected: 0, late: 0, byStatus: {}, confirmedSeen: 0, failures: [] };
  const state = { url, tally, serial: 0, orders: [], cancelled: [], keys: [] };
  let inFlight = 0;
  let tick = 0;
  const pending = new Set();
  const timer = setInterval(() => {
    const operation = CYCLE[tick++ % CYCLE.length];
    if (inFlight >= MAX_IN_FLIGHT) return void tally.late++;
    inFlight++;
    tally.operations++;
    const done = operation(state, (expected, response) => record(tally, expected, response)).finally(() => {
      inFlight--;
      pending.delete(done);
    });
    pending.add(done);
  }, 1000 / perSecond);
  return {
    tally,
    async stop() {
      clearInterval(timer);
      await Promise.all(pending);
      return tally;
    },
  };
}

/** Counts one answer: a 5xx or no answer is an error; a status the operation does not expect is unexpected. */
function record(tally, expected, response) {
  tally.requests++;
  const status = response instanceof Error ? "no answer" : response.status;
  tally.byStatus[status] = (tally.byStatus[status] ?? 0) + 1;
  const failed = response instanceof Error || response.status >= 500 ? "errors" : expected.includes(response.status) ? undefined : "unexpected";
  if (!failed) return;
  tally[failed]++;
  if (tally.failures.length < 20) tally.failures.push({ status, detail: response instanceof Error ? response.message : response.url });
}

/** A request whose answer is recorded; resolves with the response and its body (JSON if any), or undefined without an answer. */
async function call(state, note, expected, method, path, { body, headers = {} } = {}) {
  const init = { method, headers: { ...headers, ...(body ? { "content-type": "application/json" } : {}) }, body: body && JSON.stringify(body) };
  try {
    const response = await fetch(`${state.url}${path}`, init);
    const text = await response.text();
    note(expected, response);
    return { response, json: text ? JSON.parse(text) : undefined };
  } catch (error) {
    note(expected, error instanceof Error ? error : new Error(String(error)));
    return undefined;
  }
}

const keep = (list, item) => {
  list.push(item);
  if (list.length > KEPT) list.shift();
};
const pick = (list) => list[Math.floor(Math.random() * list.length)];

function orderBody(serial) {
  const items = [{ sku: `SKU-${serial % 97}`, quantity: 1 + (serial % 5), unitPrice: 100 + (serial % 1000) }];
  return { customerId: `cus_soak_${serial % CUSTOMERS}`, items, currency: "EUR" };
}

async function create(state, note) {
  const serial = state.serial++;
  const key = `soak-${process.pid}-${serial}`;
  const body = orderBody(serial);
  const answer = await call(state, note, [201], "POST", "/orders", { body, headers: { "idempotency-key": key } });
  if (answer?.response.status !== 201) return;
  keep(state.orders, { id: answer.json.id, customerId: body.customerId });
  keep(state.keys, { key, body });
}

/** The same key and body again: the first answer replayed, nothing created. */
async function retry(state, note) {
  const earlier = pick(state.keys);
  if (!earlier) return create(state, note);
  await call(state, note, [201], "POST", "/orders", { body: earlier.body, headers: { "idempotency-key": earlier.key } });
}

async function read(state, note) {
  const order = pick(state.orders);
  if (!order) return list(state, note);
  const answer = await call(state, note, [200], "GET", `/orders/${order.id}`);
  if (answer?.json?.status === "confirmed") state.tally.confirmedSeen++;
}

async function list(state, note) {
  await call(state, note, [200], "GET", `/orders?customerId=cus_soak_${Math.floor(Math.random() * CUSTOMERS)}&limit=20`);
}

/** Reads the order's version, then cancels with If-Match: 412 when the confirm queue changed it in between. */
async function cancel(state, note) {
  const order = state.orders.shift();
  if (!order) return list(state, note);
  const current = await call(state, note, [200], "GET", `/orders/${order.id}`);
  const etag = current?.response.headers.get("etag");
  if (!etag) return;
  const answer = await call(state, note, [200, 412], "PATCH", `/orders/${order.id}`, { body: { status: "cancelled" }, headers: { "if-match": etag } });
  if (answer?.response.status === 200) keep(state.cancelled, order);
  else if (answer?.response.status === 412) keep(state.orders, order);
}

/** Deletes a cancelled order; 404 when the cleanup deleted it first. */
async function remove(state, note) {
  const order = state.cancelled.shift();
  if (!order) return list(state, note);
  await call(state, note, [204, 404], "DELETE", `/orders/${order.id}`);
}
