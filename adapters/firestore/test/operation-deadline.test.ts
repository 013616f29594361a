import { Firestore } from "@google-cloud/firestore";
import { heldRecord, idempotencyCollection, StoreUnavailable, type Documents } from "@skyport/core";
import { type Stores, orderStoresOn } from "@skyport/core/orders";
import { freePort, switchableProxy, type SwitchableProxy } from "@skyport/core/testing";
import { orderAt, uniqueCustomer } from "@skyport/core/orders/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firestoreClient } from "../src/firestore-client.js";
import { GrpcStatus } from "../src/firestore-errors.js";
import { FirestoreDeadlineExceeded, firestoreDocuments, firestoreSettings } from "../src/index.js";
import { OperationDeadline } from "../src/operation-deadline.js";
import { emulatorEnv } from "./emulator-env.js";

const DEADLINE_MS = 1500;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The call's error and how long it took, for calls that must fail. */
async function failureOf(call: Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const started = Date.now();
  return call.then(
    () => expect.fail("the call should have failed"),
    (error: unknown) => ({ error, ms: Date.now() - started }),
  );
}

function expectDeadlineExceeded({ error, ms }: { error: unknown; ms: number }) {
  expect(error).toBeInstanceOf(StoreUnavailable);
  expect((error as StoreUnavailable).cause).toBeInstanceOf(FirestoreDeadlineExceeded);
  expect(ms).toBeGreaterThanOrEqual(DEADLINE_MS - 100); // Node counts timers from the event loop's cached clock
  expect(ms).toBeLessThan(DEADLINE_MS + 500);
}

describe("firestore that cannot be reached", () => {
  const unreachable = async () => ({ GOOGLE_CLOUD_PROJECT: "demo-closed", FIRESTORE_EMULATOR_HOST: `127.0.0.1:${await freePort()}` });

  it("answers StoreUnavailable at the deadline, reads and writes alike", async () => {
    // Not closed: a read's SDK call still sleeps through gax's stream retries (~7 s), each refused locally.
    const { orders, idempotency } = orderStoresOn(firestoreDocuments(await unreachable(), { deadlineMs: DEADLINE_MS }));
    const failures = await Promise.all([
      failureOf(orders.get(orderAt(new Date()).id)),
      failureOf(orders.create(orderAt(new Date()))),
      failureOf(orders.listByCustomer(uniqueCustomer(), { limit: 5 })),
      failureOf(idempotency.begin("key", "fp", new Date(Date.now() + 60_000), new Date())),
    ]);
    for (const failure of failures) expectDeadlineExceeded(failure);
  });

  it("has the SDK done with a write by the time it answers StoreUnavailable: close() has nothing to wait for", async () => {
    const stores = orderStoresOn(firestoreDocuments(await unreachable(), { deadlineMs: DEADLINE_MS }));
    // Writes only: a begin reads the key first, and gax still retries a failed read's stream for some 7 s (README, Failures).
    const failures = await Promise.all([failureOf(stores.orders.create(orderAt(new Date()))), failureOf(stores.orders.create(orderAt(new Date())))]);
    for (const failure of failures) expectDeadlineExceeded(failure);
    // terminate() waits for every request the SDK still has going; left alone it retries a commit for ten minutes.
    const closing = Date.now();
    await stores.close!();
    expect(Date.now() - closing).toBeLessThan(250);
  });
});

describe("firestore going away mid-run (the emulator behind a proxy that resets every connection)", () => {
  let proxy: SwitchableProxy;
  let stores: Stores;
  let peer: Stores;
  let reader: Documents;
  beforeAll(async () => {
    const direct = emulatorEnv("deadline");
    proxy = await switchableProxy(Number(direct.FIRESTORE_EMULATOR_HOST!.split(":")[1]));
    stores = orderStoresOn(firestoreDocuments({ ...direct, FIRESTORE_EMULATOR_HOST: `127.0.0.1:${proxy.port}` }, { deadlineMs: DEADLINE_MS }));
    peer = orderStoresOn(firestoreDocuments(direct)); // reads behind the store's back, straight from the emulator
    reader = firestoreDocuments(direct);
    await untilTheStoreAnswers(); // a project's first request can outlast the deadline while the emulator warms up
  });
  afterAll(async () => {
    proxy.up();
    await stores.close!();
    await peer.close!();
    await reader.close();
    await proxy.close();
  });

  /** Until the store's client answers (after an outage it reconnects with its own backoff). */
  async function untilTheStoreAnswers() {
    for (const started = Date.now(); Date.now() - started < 30_000; await sleep(250)) {
      const answered = await stores.orders.get(orderAt(new Date()).id).then(
        () => true,
        (error: unknown) => (error instanceof StoreUnavailable ? false : Promise.reject(error)),
      );
      if (answered) return;
    }
    throw new Error("the store did not answer within 30 s");
  }

  it("a create and a begin that answered StoreUnavailable never land once the store is back", async () => {
    const order = orderAt(new Date(), { customerId: uniqueCustomer() });
    const key = `deadline-${order.id}`;
    const now = new Date();
    proxy.down();
    try {
      const [create, begin] = await Promise.all([
        failureOf(stores.orders.create(order)),
        failureOf(stores.idempotency.begin(key, "fp", new Date(now.getTime() + 60_000), now)),
      ]);
      expectDeadlineExceeded(create);
      expectDeadlineExceeded(begin);
    } finally {
      proxy.up();
    }

    await untilTheStoreAnswers();
    await sleep(3000); // time for a retry the SDK still had going to land, as it did before the deadline bound the SDK
    expect(await peer.orders.get(order.id)).toBeNull();
    expect(await heldRecord(reader.collection(idempotencyCollection), key, new Date())).toBeNull();
    // And the store writes again: the same order and key are free.
    await stores.orders.create(order);
    expect(await stores.idempotency.begin(key, "fp", new Date(Date.now() + 60_000), new Date())).toMatchObject({ started: true });
  }, 60_000);
});

describe("an SDK attempt that starts after its operation's deadline", () => {
  let client: Firestore;
  let reader: Firestore;
  beforeAll(() => {
    const env = emulatorEnv("refused");
    client = firestoreClient(env);
    reader = new Firestore(firestoreSettings(env)); // a plain client, outside any operation
  });
  afterAll(async () => {
    await client.terminate();
    await reader.terminate();
  });

  it("is refused before it reaches Firestore, as CANCELLED, which the SDK does not retry", async () => {
    const id = orderAt(new Date()).id;
    const passed = new OperationDeadline(Date.now() - 1); // as for a retry waking from its backoff too late
    // CANCELLED is the refusal's own answer: an attempt let through would end DEADLINE_EXCEEDED, or land.
    await expect(passed.run(() => client.collection("orders").doc(id).create({ late: true }))).rejects.toMatchObject({ code: GrpcStatus.CANCELLED });
    expect((await reader.collection("orders").doc(id).get()).exists).toBe(false);
    // The same client writes as usual outside an operation, and within one that has time left.
    await client.collection("orders").doc(id).create({ late: false });
    await new OperationDeadline(Date.now() + 5000).run(() => client.collection("orders").doc(id).update({ late: true }));
    expect((await reader.collection("orders").doc(id).get()).get("late")).toBe(true);
  });
});
