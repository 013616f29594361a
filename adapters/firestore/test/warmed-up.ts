import { collection, StoreUnavailable, type Documents } from "@skyport/core";

/**
 * The emulator's first calls can outlast the store's deadline while its JVM warms up (and more so
 * on a loaded machine): read until one fits in it, so that the suite's own first call is not that one.
 */
export async function warmedUp(documents: Documents): Promise<Documents> {
  const warmup = documents.collection(collection<{ id: string }>("warmup", { key: ["id"] }));
  for (let tries = 1; ; tries++) {
    const answered = await warmup.get({ id: "warmup" }).then(
      () => true,
      (error: unknown) => (error instanceof StoreUnavailable && tries < 10 ? false : Promise.reject(error)),
    );
    if (answered) return documents;
  }
}
