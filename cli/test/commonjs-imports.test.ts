import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { bundle } from "../src/bundle.mjs";

/**
 * A split bundle (Lambda's, Google Cloud's) that import()s a CommonJS package: the chunk must give
 * the names node would (the Pub/Sub client's `PubSub`), not only `default`, or the outbox finds no
 * constructor. The package is written as TypeScript compiles one: names by defineProperty, and a
 * file of its names re-exported with __exportStar.
 */
const app = mkdtempSync(join(tmpdir(), "skyport-commonjs-"));
afterAll(() => rmSync(app, { recursive: true, force: true }));

const write = (path: string, text: string) => {
  mkdirSync(join(app, path, ".."), { recursive: true });
  writeFileSync(join(app, path), text);
};
write("node_modules/cjs-client/package.json", JSON.stringify({ name: "cjs-client", main: "build/index.js" }));
write(
  "node_modules/cjs-client/build/index.js",
  `"use strict";
var __exportStar = function (m, exports) { for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports, p)) exports[p] = m[p]; };
Object.defineProperty(exports, "__esModule", { value: true });
class PubSub { topic(name) { return "topic " + name; } }
Object.defineProperty(exports, "PubSub", { enumerable: true, get: function () { return PubSub; } });
__exportStar(require("./topic"), exports);
`,
);
write("node_modules/cjs-client/build/topic.js", `"use strict";\nexports.Topic = class Topic {};\n`);
// An ES module build named by `module` in a package without a type (as the AWS SDK's dist-es): esbuild's to bundle as is.
write("node_modules/esm-client/package.json", JSON.stringify({ name: "esm-client", main: "dist-cjs/index.js", module: "dist-es/index.js" }));
write("node_modules/esm-client/dist-es/index.js", "export class S3Client { send() { return 'sent'; } }\n");

describe("a split bundle's import() of a CommonJS package", () => {
  it("has the package's names, its re-exported ones too, and module.exports as default; an ES module build's import is left as it is", async () => {
    await bundle(app, {
      contents: `const { PubSub, Topic, default: whole } = await import("cjs-client");
        const { S3Client } = await import("esm-client");
        console.log(JSON.stringify([new PubSub().topic("orders"), typeof Topic, typeof whole.PubSub, new S3Client().send()]));`,
      outfile: "split/index.mjs",
      meta: "split",
      splitting: true,
    });
    expect(readdirSync(join(app, "dist/split/chunks")).length).toBeGreaterThan(0);
    const printed = execFileSync(process.execPath, [join(app, "dist/split/index.mjs")], { encoding: "utf8" });
    expect(JSON.parse(printed)).toEqual(["topic orders", "function", "function", "sent"]);
  });
});
