#!/usr/bin/env node
// skyport build [aws|gcp|azure|local ...] | start | dev | invoke <function> [--event file.json] | new <name> | client [out]
//   | dead-letters [file] | put-records <stream> <records.json>
import { resolve } from "node:path";

const [command, ...args] = process.argv.slice(2);
const commands = {
  build: () => import("../src/build.mjs").then((m) => m.build(process.cwd(), args)),
  start: () => import("../src/start.mjs").then((m) => m.start(process.cwd())),
  dev: () => import("../src/dev.mjs").then((m) => m.dev(process.cwd())),
  invoke: () => import("../src/invoke.mjs").then((m) => m.invoke(process.cwd(), args)),
  client: () => import("../src/client.mjs").then((m) => m.writeClient(process.cwd(), args)),
  new: () => import("../src/new-app.mjs").then((m) => m.newApp(resolve(process.env.INIT_CWD ?? process.cwd()), args)),
  "dead-letters": () => import("../src/dead-letters.mjs").then((m) => m.deadLetters(process.cwd(), args)),
  "put-records": () => import("../src/put-records.mjs").then((m) => m.putRecords(process.cwd(), args)),
};
if (!Object.hasOwn(commands, command ?? "")) {
  console.error(
    "usage: skyport build [aws|gcp|azure|local ...] | skyport start | skyport dev | skyport invoke <function> [--event file.json] | skyport new <name> | " +
      "skyport client [out] | skyport dead-letters [file] | skyport put-records <stream> <records.json>",
  );
  process.exit(2);
}
try {
  await commands[command]();
} catch (error) {
  // A declaration or schedule a cloud cannot take is the user's to fix: its message says how.
  console.error(`skyport ${command}: ${error instanceof Error ? error.message : String(error)}`);
  if (process.env.SKYPORT_DEBUG) console.error(error);
  process.exit(1);
}
