import { randomBytes } from "node:crypto";
import type { DocumentData, Firestore, Timestamp } from "@google-cloud/firestore";
import { STORED_FIELDS, StoreUnavailable } from "@skyport/core";
import { startFirestoreEmulator } from "@skyport/firestore/testing";
// The client firestoreDocuments(env) makes, and its documents on a given client (neither is in the package's index).
import { documentsOn } from "../../../adapters/firestore/src/documents/firestore-documents.js";
import { firestoreClient } from "../../../adapters/firestore/src/firestore-client.js";
import { type BenchDocument, type DocumentSide, PAGE, portableDeclaration, portableSide, RAW_LOCATION, type StorePair } from "./workload.js";

const { document: DOCUMENT, version: VERSION } = STORED_FIELDS;
const dataOf = (document: BenchDocument): DocumentData => ({
  [DOCUMENT]: JSON.stringify(document),
  [VERSION]: randomBytes(12).toString("base64url"),
  k_tenant: document.tenant,
  k_id: document.id,
});
const documentOf = (data: DocumentData) => JSON.parse(data[DOCUMENT] as string) as BenchDocument;

/**
 * By hand with @google-cloud/firestore on the store's document layout (ids `tenant~id`). The version
 * a hand-written app holds is the update time of its last write, so the conditional put is one
 * update() with that time as precondition (the portable side reads its `$version` first).
 */
export function rawFirestore(firestore: Firestore, location: string): DocumentSide<Timestamp> {
  const documents = firestore.collection(location);
  const refOf = (tenant: string, id: string) => documents.doc(`${tenant}~${id}`);
  return {
    async get(tenant, id) {
      const data = (await refOf(tenant, id).get()).data();
      return data && documentOf(data);
    },
    create: async (document) => (await refOf(document.tenant, document.id).create(dataOf(document))).writeTime,
    put: async (document, at) => (await refOf(document.tenant, document.id).update(dataOf(document), { lastUpdateTime: at })).writeTime,
    async queryPage(tenant) {
      const { docs } = await documents.where("k_tenant", "==", tenant).orderBy("k_id").limit(PAGE).get();
      return docs.map((snapshot) => documentOf(snapshot.data()));
    },
    async putMany(values) {
      const batch = firestore.batch();
      for (const document of values) batch.set(refOf(document.tenant, document.id), dataOf(document));
      await batch.commit();
    },
  };
}

/** Google's Firestore emulator; both sides on one client made as firestoreDocuments makes it. */
export async function firestorePair(): Promise<StorePair> {
  const emulator = await startFirestoreEmulator();
  const env = { GOOGLE_CLOUD_PROJECT: "demo-bench-documents", FIRESTORE_EMULATOR_HOST: emulator.host };
  const firestore = firestoreClient(env);
  const documents = documentsOn(firestore, env);
  // The emulator's JVM can outlast the store's deadline on its first calls (more so on a loaded machine).
  for (let tries = 1; ; tries++) {
    const ready = await documents.ensure([portableDeclaration]).then(
      () => true,
      (error: unknown) => (error instanceof StoreUnavailable && tries < 10 ? false : Promise.reject(error)),
    );
    if (ready) break;
  }
  return {
    store: "firestore",
    on: "the Firestore emulator",
    portable: portableSide(documents.collection(portableDeclaration)),
    raw: rawFirestore(firestore, RAW_LOCATION),
    async stop() {
      await documents.close();
      await emulator.stop();
    },
  };
}
