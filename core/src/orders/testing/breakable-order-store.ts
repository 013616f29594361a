import type { OrderStore } from "../order-store.js";

/** The name of one order store call, which a test makes fail. */
export type OrderStoreOperation = keyof OrderStore;

/** Makes the store behind a running service fail, call by call, while the test says so. */
export interface OrderStoreFaults {
  /** From now on the named operations (all when none is named) throw `error`. */
  fail(error: unknown, operations?: OrderStoreOperation[]): void;
  mend(): void;
}

/** An OrderStore in front of a real one, whose calls a test can make throw. */
export function breakableOrderStore(store: OrderStore): { orders: OrderStore; faults: OrderStoreFaults } {
  let failure: { error: unknown; operations?: OrderStoreOperation[] } | undefined;
  const guarded = <K extends OrderStoreOperation>(operation: K): OrderStore[K] =>
    (async (...args: unknown[]) => {
      if (failure && (!failure.operations || failure.operations.includes(operation))) throw failure.error;
      return (store[operation] as (...a: unknown[]) => unknown).apply(store, args);
    }) as OrderStore[K];
  const orders: OrderStore = {
    create: guarded("create"),
    get: guarded("get"),
    update: guarded("update"),
    delete: guarded("delete"),
    listByCustomer: guarded("listByCustomer"),
    listByStatus: guarded("listByStatus"),
  };
  return {
    orders,
    faults: {
      fail: (error, operations) => {
        failure = { error, operations };
      },
      mend: () => {
        failure = undefined;
      },
    },
  };
}

/** An error shaped like a cloud SDK's, naming a resource a client must never see. */
export function sdkLikeError(resource: string): Error {
  const error = new Error(`User: arn:aws:sts::123456789012:assumed-role/orders is not authorized to perform this action on resource ${resource}`);
  error.name = "AccessDeniedException";
  return Object.assign(error, { $fault: "client", $metadata: { httpStatusCode: 400 } });
}
