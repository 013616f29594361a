import { randomBytes } from "node:crypto";
import { join } from "node:path";
import type { Documents } from "@skyport/core";
import { firestoreDocuments } from "@skyport/firestore";
import { afterAll, beforeAll, describe, inject } from "vitest";
import { notes } from "../../template/src/notes.js";
import { serveFunction, type ServedFunction } from "./functions-framework.js";
import { notesCacheContract, notesContract } from "./notes-contract.js";

describe("a generated app's api Cloud Functions bundle, under the functions framework, keeps its notes in Firestore (emulator), cached in Redis", () => {
  let documents: Documents;
  let api: ServedFunction;
  let second: ServedFunction;

  beforeAll(async () => {
    const hex = randomBytes(3).toString("hex");
    // The function's environment as deploy.sh sets it (a project and a database of the stage's own), the notes in a collection of this test's.
    const env = {
      GOOGLE_CLOUD_PROJECT: `demo-clouds-${hex}`,
      SKYPORT_FIRESTORE_DATABASE: "demo-test",
      SKYPORT_STORE: "firestore",
      SKYPORT_COLLECTION_NOTES: `notes-${hex}`,
      FIRESTORE_EMULATOR_HOST: inject("firestoreHost"),
      SKYPORT_LOG_LEVEL: "error",
      // deploy.sh --cache-secret: the cache on, its URL from Secret Manager.
      SKYPORT_CACHE: "redis",
      SKYPORT_REDIS_URL: inject("redisUrl"),
    };
    // A new project's first writes on the emulator can outlast the store's 5 s deadline: these are they, with time to spare.
    documents = firestoreDocuments(env, { deadlineMs: 30_000 });
    await documents.ensure([notes]);
    // Two instances of the function, two processes on the same Redis.
    const serve = () => serveFunction(join(inject("demoApp"), "dist/gcp/api"), "api", { PATH: process.env.PATH, METADATA_SERVER_DETECTION: "none", ...env });
    [api, second] = await Promise.all([serve(), serve()]);
  });
  afterAll(async () => {
    await Promise.all([api?.stop(), second?.stop()]);
    await documents?.close();
  });

  const on = (instance: () => ServedFunction) => () => ({ send: instance().send, stored: documents.collection(notes) });
  notesContract(on(() => api));
  notesCacheContract(
    on(() => api),
    on(() => second),
  );
});
