import { randomBytes } from "node:crypto";
import { PubSub } from "@google-cloud/pubsub";
import { idempotencyCollection, type Env } from "@skyport/core";
import { ordersCollection } from "@skyport/core/orders";
import { firestoreDocuments } from "@skyport/firestore";
import { inject } from "vitest";

/** A Firestore and Pub/Sub project no other test uses: the emulators keep projects apart. */
export function uniqueProject(label: string): string {
  return `demo-${label}-${randomBytes(3).toString("hex")}`;
}

/**
 * The functions' environment as deploy.sh sets it, pointed at the emulators. The SDKs read the
 * emulator hosts from the process environment, as every Google client library does. Firestore may
 * be reached through another host:port (a proxy that takes it away).
 */
export async function functionEnv(projectId: string, extra: Env = {}, firestoreHost = inject("gcp").firestoreHost): Promise<Env> {
  const { pubsubHost } = inject("gcp");
  Object.assign(process.env, { FIRESTORE_EMULATOR_HOST: firestoreHost, PUBSUB_EMULATOR_HOST: pubsubHost });
  const topic = "orders";
  const admin = new PubSub({ projectId });
  await admin.topic(topic).get({ autoCreate: true });
  await admin.close();
  const env = {
    SKYPORT_STORE: "firestore",
    GOOGLE_CLOUD_PROJECT: projectId,
    SKYPORT_TOPIC_ORDERS: topic,
    SKYPORT_LOG_LEVEL: "error",
    ...extra,
  };
  // The order service's collections declared in the project (Firestore needs nothing made), directly on the emulator:
  // its first writes to a new project can outlast a function's 5 s deadline, so they are these, with time to spare.
  const documents = firestoreDocuments({ ...env, FIRESTORE_EMULATOR_HOST: inject("gcp").firestoreHost }, { deadlineMs: 30_000 });
  await documents.ensure([ordersCollection, idempotencyCollection]).finally(() => documents.close());
  return env;
}

/**
 * Registers a Firestore trigger on the emulator (its REST API), as deploy.sh's Eventarc trigger is:
 * each write to a document of the project's orders collection (its id is the order's id) is POSTed
 * to `url` as a CloudEvent with protobuf data, the document's stored fields in it.
 */
export async function firestoreTrigger(projectId: string, id: string, url: string): Promise<void> {
  const { firestoreHost, triggerRouter } = inject("gcp");
  await fetch(`${triggerRouter}/routes`, { method: "POST", body: JSON.stringify({ project: projectId, url }) });
  const trigger = {
    eventType: "google.cloud.firestore.document.v1.written",
    database: "(default)",
    namespace: "(default)",
    document: { value: "orders/{orderId}", matchType: "PATH_PATTERN" },
  };
  const registered = await fetch(`http://${firestoreHost}/emulator/v1/projects/${projectId}/eventarcTrigger?eventarcTriggerId=${id}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(trigger),
  });
  if (!registered.ok) throw new Error(`the Firestore emulator refused the trigger: ${registered.status} ${await registered.text()}`);
}
