import { existsSync } from "node:fs";
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { CONDITIONS } from "./conditions.mjs";
import { InputHashes, SERVED } from "./input-hashes.mjs";
import { compiledValidators, routeValidators, validatorsImport } from "./route-validators.mjs";

const FRAMEWORK = "@google-cloud/functions-framework";
const CLOUDS = ["aws", "gcp", "azure", "local"];
/** The targets with a bundle per function: the clouds that deploy each function alone. */
const PER_FUNCTION = ["aws", "gcp"];
/** Loaded only when a target is built. */
let bundle;
let commonJsDynamicImports;
let esbuild;

// The builder itself is an input of every bundle: a change to how bundles are made rebuilds them.
const BUILDER = ["./build.mjs", "./bundle.mjs", "./commonjs-imports.mjs", "./input-hashes.mjs", "./route-validators.mjs"].map((file) =>
  fileURLToPath(new URL(file, import.meta.url)),
);

/**
 * `skyport build [cloud ...]` in an app's folder: reads src/app.ts and writes each cloud's
 * bundles to dist/, one bundle per function for Lambda and for Google Cloud, one Functions app for
 * Azure, and the local server. A schedule a cloud cannot express fails the build, naming it.
 * A target is skipped when every input its metafiles (dist/meta/) list, package.json files and
 * the lockfile included, has the content it had at its last build, so `npm start` on a built tree
 * starts at once.
 * `options` (`distDir`, `sourcemap`) are for the bench's copies with source maps.
 * Returns the targets it built (none when every one was up to date).
 */
export async function build(appDir, only = [], options = {}) {
  const unknown = only.filter((cloud) => !CLOUDS.includes(cloud));
  if (unknown.length) throw new Error(`no such target ${unknown.join(", ")}; the targets are ${CLOUDS.join(", ")}`);
  const distDir = options.distDir ?? join(appDir, "dist");
  const inputs = new InputHashes(appDir, distDir, BUILDER);
  const stale = [];
  for (const cloud of CLOUDS) {
    if (only.length && !only.includes(cloud)) continue;
    if (await upToDate(inputs, distDir, cloud)) console.log(`${basename(appDir)} for ${cloud} is up to date (no input changed since its last build)`);
    else stale.push(cloud);
  }
  if (stale.length === 0) return stale; // without loading esbuild or the declaration: a start on a built tree is quick
  ({ bundle } = await import("./bundle.mjs"));
  ({ commonJsDynamicImports } = await import("./commonjs-imports.mjs"));
  esbuild = await import("esbuild");
  const declaration = await (await import("./load.mjs")).loadDeclaration(appDir);
  const { app } = declaration;
  checkSchedules(declaration);
  if (stale.includes("azure")) checkHostJson(appDir, app);
  const targets = { aws: buildAws, gcp: buildGcp, azure: buildAzure, local: buildLocal };
  for (const cloud of stale) {
    const started = Date.now();
    await rm(join(distDir, cloud), { recursive: true, force: true });
    for (const meta of await metasOf(distDir, cloud)) await rm(join(distDir, "meta", meta), { force: true });
    await targets[cloud](appDir, app, options, (functions) => compiledValidators(declaration, functions));
    for (const meta of await metasOf(distDir, cloud)) await inputs.record(join(distDir, "meta", meta), started);
    console.log(`built ${app.name} for ${cloud} in ${Date.now() - started} ms`);
  }
  return stale;
}

/** A target's metafiles: one per function where the cloud deploys each function alone (AWS, Google Cloud), else one. */
async function metasOf(distDir, cloud) {
  const names = await readdir(join(distDir, "meta")).catch(() => []);
  return names.filter((name) => (PER_FUNCTION.includes(cloud) ? new RegExp(`^${cloud}-.+\\.json$`).test(name) : name === `${cloud}.json`));
}

/** True when the target has metafiles and every one's build is unchanged (its outputs there, its inputs' contents the same). */
async function upToDate(inputs, distDir, cloud) {
  const metas = await metasOf(distDir, cloud);
  const unchanged = await Promise.all(metas.map((meta) => inputs.unchanged(join(distDir, "meta", meta))));
  return metas.length > 0 && unchanged.every(Boolean);
}

/** Every schedule in every cloud's syntax, now: a cloud that cannot express one fails the build. */
function checkSchedules({ app, eventBridgeSchedule, cloudSchedulerSchedule, ncrontabSchedule }) {
  for (const [name, fn] of Object.entries(app.functions)) {
    if (fn.trigger.kind !== "schedule") continue;
    for (const [cloud, map] of [
      ["AWS", eventBridgeSchedule],
      ["Google Cloud", cloudSchedulerSchedule],
      ["Azure", ncrontabSchedule],
    ]) {
      try {
        map(fn.trigger.schedule);
      } catch (error) {
        throw new Error(`function ${name}: ${cloud} cannot run ${JSON.stringify(fn.trigger.expression)}: ${error.message}`);
      }
    }
  }
}

/**
 * dist/aws/<function>/index.mjs exporting `handler`: each function's CodeUri, carrying only its own
 * SDKs and its own handlers (see `servedApp`), and the chunks (chunks/) of what it imports on first use.
 */
async function buildAws(appDir, app, options, validatorsOf) {
  await checkNamedExports(appDir, app);
  for (const [name, fn] of Object.entries(app.functions)) {
    // Only a function that publishes carries (and gets) the SQS publisher.
    const queues = fn.publishes.length > 0;
    // Only an object function carries (and is given) the S3 client.
    const objects = fn.trigger.kind === "object";
    // Only a stream function carries (and is given) the SQS client, for its poison records.
    const streams = fn.trigger.kind === "stream";
    // Only a function that reads secrets carries (and is given) the Secrets Manager client.
    const secrets = (fn.secrets ?? []).length > 0;
    // Only the function's own kind's event translation (lambdaQueueHandler, ...), not the table of every kind.
    const source = `lambda${fn.trigger.kind[0].toUpperCase()}${fn.trigger.kind.slice(1)}Handler`;
    const imports = [
      "lambdaHandlerOf",
      source,
      ...(queues ? ["sqsQueues"] : []),
      ...(objects ? ["s3Objects"] : []),
      ...(streams ? ["sqsStreamDeadLetters"] : []),
      ...(secrets ? ["secretsManagerSecrets"] : []),
    ];
    // lambdaHandler's optional arguments after the instance: the object store, then a stream's dead letters.
    const extra = [objects ? "s3Objects(env)" : "undefined", streams ? "sqsStreamDeadLetters(env)" : "undefined"];
    while (extra.at(-1) === "undefined") extra.pop();
    // What the wiring is given: the served function, and its queue publisher and secret source where it has them.
    const platform = [
      `served: [${JSON.stringify(name)}]`,
      ...(queues ? ["queue: sqsQueues(env)"] : []),
      ...(secrets ? ["secrets: secretsManagerSecrets(env)"] : []),
    ];
    const validators = validatorsOf([fn]);
    await bundle(appDir, {
      ...options,
      contents: `${validatorsImport(validators)}import app from "./src/app.ts";
        import wiring from "./src/aws.ts";
        import { ${imports.join(", ")} } from "@skyport/aws-lambda";
        const lambdaHandler = lambdaHandlerOf(${JSON.stringify(fn.trigger.kind)}, ${source});
        const env = { ...process.env };
        const platform = { ${platform.join(", ")} };
        export const handler = lambdaHandler(app, ${JSON.stringify(name)}, ${["wiring(env, platform)", ...extra].join(", ")});`,
      outfile: `aws/${name}/index.mjs`,
      meta: `aws-${name}`,
      // What only some invocations load (the store's SDK, jose with the first token, S3 with the first file) is a chunk beside
      // index.mjs that node reads at its first import(): not parsed at cold start. CodeUri is the folder, so the chunks ship.
      splitting: true,
      plugins: [servedApp(appDir, app, name), routeValidators(appDir, validators)],
    });
  }
}

/**
 * Every function of the app is also a named export of src/app.ts, by its name (`export const
 * confirm = /* @__PURE__ *\/ queue(...)`), or the build fails naming it: a function's bundle (Lambda,
 * Google Cloud) imports only its own (docs/EXTENDING.md).
 */
async function checkNamedExports(appDir, app) {
  const { declared } = await (await import("./load.mjs")).loadModule(appDir, `export * as declared from "./src/app.ts";`);
  const missing = Object.keys(app.functions).filter((name) => declared[name] !== declared.default.functions[name]);
  if (missing.length === 0) return;
  const how = missing.map((name) =>
    name === "import" ? "const importFunction = /* @__PURE__ */ ...; export { importFunction as import }" : `export const ${name} = /* @__PURE__ */ ...`,
  );
  throw new Error(
    `src/app.ts must export each function by its name, so that each function's bundle carries only its own handlers; ` +
      `it does not export ${missing.join(", ")}: declare it as ${how.join(", ")} and list it in defineApp's functions`,
  );
}

/**
 * An esbuild plugin for the bundle of function `name` (Lambda, Google Cloud): the app's declaration (src/app.ts),
 * from wherever it is imported (the entry, the wiring), is the app of that one function, made from
 * its named export. The other functions' declarations are then unused, and esbuild drops them with
 * the handlers they reference: src/app.ts marks each `/* @__PURE__ *\/` (esbuild does not yet honour
 * `@__NO_SIDE_EFFECTS__` on a function imported from another module, evanw/esbuild#4369). The
 * collections the function uses come along as data, so that its app still declares them.
 */
function servedApp(appDir, app, name) {
  const declaration = join(appDir, "src", "app.ts");
  const collections = Object.fromEntries(app.functions[name].collections.map((used) => [used, app.collections[used]]));
  const secrets = Object.fromEntries((app.functions[name].secrets ?? []).map((read) => [read, app.secrets[read]]));
  return {
    name: "skyport-served-app",
    setup(build) {
      build.onResolve({ filter: /(^|\/)app(\.[jt]s)?$/ }, async (args) => {
        if (args.pluginData === "resolving" || args.namespace === SERVED) return undefined;
        const { kind, importer, resolveDir } = args;
        const resolved = await build.resolve(args.path, { kind, importer, resolveDir, pluginData: "resolving" });
        return resolved.path === declaration ? { path: declaration, namespace: SERVED } : resolved;
      });
      build.onLoad({ filter: /.*/, namespace: SERVED }, () => ({
        contents: `import { defineApp } from "@skyport/core";
          import { ${JSON.stringify(name)} as served } from ${JSON.stringify(declaration)};
          export default defineApp({ name: ${JSON.stringify(app.name)}, collections: ${JSON.stringify(collections)}, secrets: ${JSON.stringify(secrets)},
            functions: { ${JSON.stringify(name)}: served } });`,
        resolveDir: appDir,
        loader: "ts",
      }));
    },
  };
}

/**
 * dist/gcp/<function>/: what `gcloud functions deploy <function> --source` uploads for each function: a bundle
 * registering only that function, with its own kind's translation and its own handlers (see `servedApp`), and a
 * package.json whose only dependency is the framework that runs it.
 */
async function buildGcp(appDir, app, options, validatorsOf) {
  await checkNamedExports(appDir, app);
  const dist = options.distDir ?? join(appDir, "dist");
  const manifest = {
    name: `skyport-${app.name}-gcp`,
    version: "0.1.0",
    private: true,
    type: "module",
    main: "index.mjs",
    engines: { node: ">=22" },
    dependencies: { [FRAMEWORK]: `^${await installedVersion(appDir, FRAMEWORK)}` },
  };
  for (const [name, fn] of Object.entries(app.functions)) {
    // Only a function that publishes carries (and gets) the Pub/Sub publisher.
    const queues = fn.publishes.length > 0;
    // Only a function that reads secrets carries (and gets) the Secret Manager client.
    const secrets = (fn.secrets ?? []).length > 0;
    // Only the function's own kind's translation (gcpQueueHandler, ...), not the table of every kind.
    const source = `gcp${fn.trigger.kind[0].toUpperCase()}${fn.trigger.kind.slice(1)}Handler`;
    const imports = ["readAdapterOptions", "registerGcpFunctionOf", source, ...(queues ? ["pubSubTopics"] : []), ...(secrets ? ["secretManagerSecrets"] : [])];
    const platform = [
      `served: [${JSON.stringify(name)}]`,
      ...(queues ? ["queue: pubSubTopics(env)"] : []),
      ...(secrets ? ["secrets: secretManagerSecrets(env)"] : []),
    ];
    const validators = validatorsOf([fn]);
    await bundle(appDir, {
      ...options,
      contents: `${validatorsImport(validators)}import app from "./src/app.ts";
        import wiring from "./src/gcp.ts";
        import { ${imports.join(", ")} } from "@skyport/gcp-functions";
        const env = { ...process.env };
        const platform = { ${platform.join(", ")} };
        registerGcpFunctionOf(${JSON.stringify(fn.trigger.kind)}, ${source})(app, ${JSON.stringify(name)}, wiring(env, platform), readAdapterOptions(env));`,
      outfile: `gcp/${name}/index.mjs`,
      meta: `gcp-${name}`,
      // Split as on Lambda: the store's SDK, Pub/Sub's and jose are chunks node reads at their first import().
      splitting: true,
      external: [FRAMEWORK],
      // CommonJS inside the SDKs (google-gax) reads __dirname as its modules load; ESM has import.meta instead.
      define: { __dirname: "import.meta.dirname", __filename: "import.meta.filename" },
      plugins: [servedApp(appDir, app, name), routeValidators(appDir, validators)],
    });
    await writeFile(join(dist, "gcp", name, "package.json"), `${JSON.stringify({ ...manifest, name: `skyport-${app.name}-gcp-${name}` }, null, 2)}\n`);
    await writeFile(join(dist, "gcp", name, ".gcloudignore"), ".gcloudignore\n");
  }
}

/** The host.json `skyport new` gives every app. */
const TEMPLATE_HOST_JSON = fileURLToPath(new URL("../template/host.json", import.meta.url));

/**
 * An Azure build reads the app's host.json (the bundle imports it, the Functions app ships it):
 * without one, the build fails saying what the file is for and where to get one, not with
 * esbuild's "Could not resolve". Not defaulted: the settings are the app's to keep, and a build
 * made on a default would not be rebuilt when the app's own host.json appears.
 */
function checkHostJson(appDir, app) {
  if (existsSync(join(appDir, "host.json"))) return;
  throw new Error(
    `${app.name} has no host.json, the Azure Functions host's settings (the function timeout, the HTTP routePrefix "" that lets the app's ` +
      `router own every path, the queues' base64 encoding and retries): copy ${TEMPLATE_HOST_JSON} into ${appDir}, or build the other targets ` +
      `alone (skyport build aws gcp local)`,
  );
}

/**
 * dist/azure/: a deployable Functions app: the app's host.json, a package.json whose `main` is
 * the bundle, and the bundle, which registers every function by name. `@azure/functions-core`
 * stays external: the worker provides it. One app serves every function, so the SDKs its code
 * imports lazily (Blob and Queue Storage, identity) are chunks (dist/azure/chunks/) that load
 * at their first use: main.mjs holds the rest, and the whole folder is deployed.
 */
async function buildAzure(appDir, app, options, validatorsOf) {
  const dist = options.distDir ?? join(appDir, "dist");
  const validators = validatorsOf(Object.values(app.functions));
  await bundle(appDir, {
    ...options,
    contents: `${validatorsImport(validators)}import app from "./src/app.ts";
      import wiring from "./src/azure.ts";
      import host from "./host.json" with { type: "json" };
      import { registerAzureApp } from "@skyport/azure-functions";
      export const handlers = registerAzureApp(app, wiring, host);`,
    outfile: "azure/main.mjs",
    meta: "azure",
    external: ["@azure/functions-core"],
    splitting: true,
    plugins: [routeValidators(appDir, validators)],
  });
  await copyFile(join(appDir, "host.json"), join(dist, "azure/host.json"));
  const manifest = { name: `skyport-${app.name}-azure`, version: "0.1.0", private: true, type: "module", main: "main.mjs" };
  await writeFile(join(dist, "azure/package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
}

/**
 * `npm start` runs dist/local/server.mjs: the whole app on this machine. It runs inside this
 * repository, so the store SDKs stay in node_modules, and each store is a chunk of its own
 * (code splitting on the wiring's dynamic imports): node loads only the SDK of the store the
 * configuration names, and the bundle is small and quick to build.
 */
async function buildLocal(appDir, app, options, validatorsOf) {
  const distDir = options.distDir ?? join(appDir, "dist");
  const validators = validatorsOf(Object.values(app.functions));
  const { metafile } = await esbuild.build({
    stdin: {
      contents: `${validatorsImport(validators)}import app from "./src/app.ts";
        import wiring from "./src/local.ts";
        import { runLocalApp } from "@skyport/local";
        await runLocalApp(app, wiring);`,
      resolveDir: appDir,
      sourcefile: "local.entry.mjs",
      loader: "ts",
    },
    outdir: join(distDir, "local"),
    entryNames: "server",
    chunkNames: "chunks/[name]-[hash]",
    outExtension: { ".js": ".mjs" },
    splitting: true,
    bundle: true,
    platform: "node",
    conditions: CONDITIONS,
    format: "esm",
    target: "node20",
    minify: true,
    sourcemap: options.sourcemap ?? false,
    legalComments: "none",
    metafile: true,
    external: ["better-sqlite3", "@aws-sdk/*", "@google-cloud/firestore", "@azure/cosmos"],
    plugins: [commonJsDynamicImports, routeValidators(appDir, validators)],
    banner: { js: "import { createRequire as __skyportRequire } from 'node:module'; const require = __skyportRequire(import.meta.url);" },
    logLevel: "warning",
  });
  await mkdir(join(distDir, "meta"), { recursive: true });
  await writeFile(join(distDir, "meta", "local.json"), JSON.stringify(metafile));
}

/** The version the tests ran against (the package's exports hide its package.json from require). */
async function installedVersion(appDir, name) {
  for (let dir = dirname(createRequire(join(appDir, "package.json")).resolve(name)); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = JSON.parse(await readFile(join(dir, "package.json"), "utf8").catch(() => "{}"));
    if (manifest.name === name) return manifest.version;
  }
  throw new Error(`cannot find the installed version of ${name}`);
}
