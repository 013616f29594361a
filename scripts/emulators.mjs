// `npm run emulators [-- dynamodb firestore cosmos azurite pubsub]`: starts the local stand-ins
// that the tests use, on 127.0.0.1, prints the variables that point the local server (and the
// cloud entries) at them, and stops them all on Ctrl-C (SIGINT) or SIGTERM.
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as esbuild from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// The AWS SDK warns about Node 20 on every start; the stand-ins do not care.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

/** Each stand-in: how it starts (from its package's src/testing/emulator.ts) and the variables it answers to. */
const EMULATORS = {
  dynamodb: {
    name: "DynamoDB Local",
    source: [
      `export { startDynamoDbLocal as start, dynamoDbLocalEnv, ensureLocalCollections, prefixedTables } from "@skyport/dynamodb/testing";`,
      `export { idempotencyCollection } from "@skyport/core";`,
      `export { ordersCollection } from "@skyport/core/orders";`,
    ].join("\n"),
    async ready(m, emulator) {
      // The order service's collections, each in its table (skyport-orders, skyport-idempotency-keys), made as the template makes them.
      const collections = [m.ordersCollection, m.idempotencyCollection];
      const env = m.dynamoDbLocalEnv(emulator.endpoint, m.prefixedTables("skyport", collections));
      await m.ensureLocalCollections(emulator.endpoint, env, collections);
      return env;
    },
  },
  firestore: {
    name: "Firestore emulator",
    source: [
      `export { startFirestoreEmulator as start } from "@skyport/firestore/testing";`,
      `export { firestoreDocuments } from "@skyport/firestore";`,
      `export { idempotencyCollection } from "@skyport/core";`,
      `export { ordersCollection } from "@skyport/core/orders";`,
    ].join("\n"),
    async ready(m, emulator) {
      const env = {
        SKYPORT_STORE: "firestore",
        FIRESTORE_EMULATOR_HOST: emulator.host,
        GOOGLE_CLOUD_PROJECT: "demo-skyport",
        METADATA_SERVER_DETECTION: "none",
      };
      process.env.METADATA_SERVER_DETECTION = "none"; // this process's own client looks for no Google metadata server either
      // The order service's collections (orders and idempotency-keys) declared in the project; Firestore itself needs nothing made.
      const documents = m.firestoreDocuments(env, { deadlineMs: 30_000 }); // the JVM's first answers are slow
      await documents.ensure([m.ordersCollection, m.idempotencyCollection]).finally(() => documents.close());
      return env;
    },
  },
  cosmos: {
    name: "Cosmos DB server",
    source: [
      `export { startCosmosServer as start, emulatorAgent, emulatorEnv } from "@skyport/cosmos/testing";`,
      `export { cosmosDocuments } from "@skyport/cosmos";`,
      `export { idempotencyCollection } from "@skyport/core";`,
      `export { ordersCollection } from "@skyport/core/orders";`,
    ].join("\n"),
    async ready(m, emulator) {
      // The order service's collections (containers orders and idempotency-keys) in the database "skyport", as SKYPORT_COSMOS_DATABASE defaults to.
      const documents = m.cosmosDocuments(m.emulatorEnv(emulator), { agent: m.emulatorAgent() });
      await documents.ensure([m.ordersCollection, m.idempotencyCollection]).finally(() => documents.close());
      return { SKYPORT_STORE: "cosmos", SKYPORT_COSMOS_ENDPOINT: emulator.endpoint, SKYPORT_COSMOS_KEY: emulator.key };
    },
  },
  azurite: {
    name: "azurite (Storage queues, for the Azure entry)",
    source: `export { startAzuriteQueue as start } from "./adapters/azure-functions/src/testing/emulator.ts";`,
    ready: (_m, emulator) => ({ SKYPORT_STORAGE_CONNECTION_STRING: emulator.connectionString }),
  },
  pubsub: {
    name: "Pub/Sub emulator (for the Google Cloud entry)",
    source: `export { startPubSubEmulator as start } from "./adapters/gcp-functions/src/testing/emulator.ts";`,
    ready: (_m, emulator) => ({ PUBSUB_EMULATOR_HOST: emulator.host, GOOGLE_CLOUD_PROJECT: emulator.projectId }),
  },
};

const chosen = process.argv.slice(2);
const unknown = chosen.filter((name) => !Object.hasOwn(EMULATORS, name));
if (unknown.length) {
  console.error(`no emulator ${unknown.join(", ")}; there are ${Object.keys(EMULATORS).join(", ")}`);
  process.exit(2);
}

/**
 * Workspace packages export TypeScript: bundle it to a temporary module. Each module keeps its own
 * import.meta.url, since the stand-ins find their jars and scripts beside their sources.
 */
async function load(source) {
  // Inside the repository, so that the packages left external resolve from its node_modules.
  await mkdir(join(root, "node_modules/.cache"), { recursive: true });
  const dir = await mkdtemp(join(root, "node_modules/.cache/skyport-emulators-"));
  const outfile = join(dir, "emulator.mjs");
  const ownUrl = {
    name: "own-import-meta-url",
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, async ({ path }) => ({
        contents: (await readFile(path, "utf8")).replaceAll("import.meta.url", JSON.stringify(pathToFileURL(path).href)),
        loader: "ts",
      }));
    },
  };
  try {
    await esbuild.build({
      stdin: { contents: source, resolveDir: root, sourcefile: "emulator.entry.ts", loader: "ts" },
      outfile,
      bundle: true,
      platform: "node",
      conditions: ["@skyport/source", "module"],
      format: "esm",
      plugins: [ownUrl, workspaceSources],
      logLevel: "error",
    });
    return await import(pathToFileURL(outfile).href);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** @skyport/* are TypeScript sources: bundled; every other package stays in node_modules. */
const workspaceSources = {
  name: "workspace-sources",
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, ({ path }) => (path.startsWith("@skyport/") ? undefined : { external: true }));
  },
};

const running = [];
let stopping = false;
async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  console.log(`stopping ${running.map((r) => r.name).join(", ") || "nothing"}`);
  await Promise.allSettled(running.map((r) => r.emulator.stop()));
  process.exit(code);
}
process.on("SIGINT", () => void stopAll(0));
process.on("SIGTERM", () => void stopAll(0));

const names = chosen.length ? chosen : Object.keys(EMULATORS);
const results = await Promise.allSettled(
  names.map(async (key) => {
    const spec = EMULATORS[key];
    const module = await load(spec.source);
    const emulator = await module.start();
    running.push({ name: spec.name, emulator });
    return { key, spec, variables: await spec.ready(module, emulator) };
  }),
);
if (stopping) process.exit(0);

for (const [index, result] of results.entries()) {
  const spec = EMULATORS[names[index]];
  if (result.status === "rejected") {
    console.log(`\n# ${spec.name}: did not start: ${result.reason instanceof Error ? result.reason.message : String(result.reason)}`);
    continue;
  }
  console.log(`\n# ${spec.name} (${names[index]})`);
  for (const [name, value] of Object.entries(result.value.variables)) console.log(`export ${name}=${shellQuote(value)}`);
}
if (results.every((r) => r.status === "rejected")) await stopAll(1);
console.log("\n# Set one store's variables, then `npm start` in another shell. Ctrl-C stops the emulators.");

function shellQuote(value) {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`;
}
