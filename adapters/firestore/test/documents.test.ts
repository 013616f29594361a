import { documentsContract, freePort } from "@skyport/core/testing";
import { firestoreDocuments } from "../src/index.js";
import { emulatorEnv } from "./emulator-env.js";
import { warmedUp } from "./warmed-up.js";

// The emulator the package's global setup starts, under a project of this file's own; the suite's collections have random names.
documentsContract(
  "firestore (Google's emulator)",
  async () => ({ documents: await warmedUp(firestoreDocuments(emulatorEnv("documents"))) }),
  // A closed port: the store's deadline ends every call with StoreUnavailable (5 s by default; 2 s keeps the run short).
  async () =>
    firestoreDocuments({ GOOGLE_CLOUD_PROJECT: "demo-documents-closed", FIRESTORE_EMULATOR_HOST: `127.0.0.1:${await freePort()}` }, { deadlineMs: 2000 }),
);
