import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { loadModule } from "./load.mjs";

/**
 * `skyport invoke <function> [--event file.json]` in an app's folder: runs that one function
 * once with the local wiring (an HTTP request, queue events, or a scheduled run now) and prints
 * its result, and what it published, as JSON on stdout; the app's log lines go to stderr.
 */
export async function invoke(appDir, args) {
  const [name, ...rest] = args;
  if (!name) throw new Error("name the function: skyport invoke <function> [--event file.json]");
  const at = rest.indexOf("--event");
  const file = at === -1 ? undefined : rest[at + 1];
  if (at !== -1 && !file) throw new Error("--event needs a file: --event event.json");
  const event = file === undefined ? undefined : JSON.parse(await readFile(resolve(process.env.INIT_CWD ?? appDir, file), "utf8"));
  // A local run, as the local server's (adapters/local/src/aws-sdk-warning.ts): no AWS SDK notice about this machine's Node.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const { app, wiring, invokeFunction } = await loadModule(
    appDir,
    `export { default as app } from "./src/app.ts";
     export { default as wiring } from "./src/local.ts";
     export { invokeFunction } from "@skyport/local";`,
  );
  // The app's log lines go to stderr, so that stdout is the result alone (for jq, or a test).
  const stdout = process.stdout.write.bind(process.stdout);
  process.stdout.write = process.stderr.write.bind(process.stderr);
  let invocation;
  try {
    invocation = await invokeFunction(app, wiring, { ...process.env }, name, event);
  } finally {
    process.stdout.write = stdout;
  }
  process.stdout.write(`${JSON.stringify(invocation, null, 2)}\n`);
}
