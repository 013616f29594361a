import { copyFile, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { bundle } from "./bundle.mjs";
import { loadDeclaration } from "./load.mjs";

const FRAMEWORK = "@google-cloud/functions-framework";
const CLOUDS = ["aws", "gcp", "azure", "local"];

/**
 * `skyport build [cloud ...]` in an app's folder: reads src/app.ts and writes each cloud's
 * bundles to dist/, one Lambda bundle per function, one Functions app for Google Cloud and for
 * Azure, and the local server. A schedule a cloud cannot express fails the build, naming it.
 * `options` (`distDir`, `sourcemap`) are for the bench's copies with source maps.
 */
export async function build(appDir, only = [], options = {}) {
  const unknown = only.filter((cloud) => !CLOUDS.includes(cloud));
  if (unknown.length) throw new Error(`no such target ${unknown.join(", ")}; the targets are ${CLOUDS.join(", ")}`);
  const declaration = await loadDeclaration(appDir);
  const { app } = declaration;
  checkSchedules(declaration);
  const targets = { aws: buildAws, gcp: buildGcp, azure: buildAzure, local: buildLocal };
  for (const cloud of CLOUDS) {
    if (only.length && !only.includes(cloud)) continue;
    const started = Date.now();
    await rm(join(options.distDir ?? join(appDir, "dist"), cloud), { recursive: true, force: true });
    await targets[cloud](appDir, app, options);
    console.log(`built ${app.name} for ${cloud} in ${Date.now() - started} ms`);
  }
}

/** Every schedule in every cloud's syntax, now: a cloud that cannot express one fails the build. */
function checkSchedules({ app, eventBridgeSchedule, cloudSchedulerSchedule, ncrontabSchedule }) {
  for (const [name, fn] of Object.entries(app.functions)) {
    if (fn.trigger.kind !== "schedule") continue;
    for (const [cloud, map] of [["AWS", eventBridgeSchedule], ["Google Cloud", cloudSchedulerSchedule], ["Azure", ncrontabSchedule]]) {
      try {
        map(fn.trigger.schedule);
      } catch (error) {
        throw new Error(`function ${name}: ${cloud} cannot run ${JSON.stringify(fn.trigger.expression)}: ${error.message}`);
      }
    }
  }
}

/** dist/aws/<function>/index.mjs exporting `handler`: each function's CodeUri, carrying only its own SDKs. */
async function buildAws(appDir, app, options) {
  for (const [name, fn] of Object.entries(app.functions)) {
    // Only a function that publishes carries (and gets) the SQS publisher.
    const queues = fn.publishes.length > 0;
    await bundle(appDir, {
      ...options,
      contents: `import app from "./src/app.ts";
        import wiring from "./src/aws.ts";
        import { lambdaHandler${queues ? ", sqsQueues" : ""} } from "@skyport/aws-lambda";
        const env = { ...process.env };
        export const handler = lambdaHandler(app, ${JSON.stringify(name)}, wiring(env, { served: [${JSON.stringify(name)}]${queues ? ", queue: sqsQueues(env)" : ""} }));`,
      outfile: `aws/${name}/index.mjs`,
      meta: `aws-${name}`,
    });
  }
}

/**
 * dist/gcp/: what `gcloud functions deploy --source` uploads: one bundle registering every
 * function by name, and a package.json whose only dependency is the framework that runs it.
 */
async function buildGcp(appDir, app, options) {
  const dist = options.distDir ?? join(appDir, "dist");
  await bundle(appDir, {
    ...options,
    contents: `import app from "./src/app.ts";
      import wiring from "./src/gcp.ts";
      import { registerGcpApp } from "@skyport/gcp-functions";
      registerGcpApp(app, wiring);`,
    outfile: "gcp/index.mjs",
    meta: "gcp",
    external: [FRAMEWORK],
    // CommonJS inside the SDKs (google-gax) reads __dirname as its modules load; ESM has import.meta instead.
    define: { __dirname: "import.meta.dirname", __filename: "import.meta.filename" },
  });
  const manifest = {
    name: `skyport-${app.name}-gcp`,
    version: "0.1.0",
    private: true,
    type: "module",
    main: "index.mjs",
    engines: { node: ">=22" },
    dependencies: { [FRAMEWORK]: `^${await installedVersion(appDir, FRAMEWORK)}` },
  };
  await writeFile(join(dist, "gcp/package.json"), JSON.stringify(manifest, null, 2) + "\n");
  await writeFile(join(dist, "gcp/.gcloudignore"), ".gcloudignore\n");
}

/**
 * dist/azure/: a deployable Functions app: the app's host.json, a package.json whose `main` is
 * the bundle, and the bundle, which registers every function by name. `@azure/functions-core`
 * stays external: the worker provides it.
 */
async function buildAzure(appDir, app, options) {
  const dist = options.distDir ?? join(appDir, "dist");
  await bundle(appDir, {
    ...options,
    contents: `import app from "./src/app.ts";
      import wiring from "./src/azure.ts";
      import host from "./host.json" with { type: "json" };
      import { registerAzureApp } from "@skyport/azure-functions";
      export const handlers = registerAzureApp(app, wiring, host);`,
    outfile: "azure/main.mjs",
    meta: "azure",
    external: ["@azure/functions-core"],
  });
  await copyFile(join(appDir, "host.json"), join(dist, "azure/host.json"));
  const manifest = { name: `skyport-${app.name}-azure`, version: "0.1.0", private: true, type: "module", main: "main.mjs" };
  await writeFile(join(dist, "azure/package.json"), JSON.stringify(manifest, null, 2) + "\n");
}

/** `npm start` runs dist/local/server.mjs: the whole app on this machine, native modules left in node_modules. */
async function buildLocal(appDir, _app, options) {
  await bundle(appDir, {
    ...options,
    contents: `import app from "./src/app.ts";
      import wiring from "./src/local.ts";
      import { runLocalApp } from "@skyport/local";
      await runLocalApp(app, wiring);`,
    outfile: "local/server.mjs",
    meta: "local",
    target: "node20",
    external: ["better-sqlite3"],
  });
}

/** The version the tests ran against (the package's exports hide its package.json from require). */
async function installedVersion(appDir, name) {
  for (let dir = dirname(createRequire(join(appDir, "package.json")).resolve(name)); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = JSON.parse(await readFile(join(dir, "package.json"), "utf8").catch(() => "{}"));
    if (manifest.name === name) return manifest.version;
  }
  throw new Error(`cannot find the installed version of ${name}`);
}
