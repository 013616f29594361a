import * as esbuild from "esbuild";
import { describe, expect, it } from "vitest";
import { routeValidators } from "../src/route-validators.mjs";
import { REPOSITORY } from "./temporary-workspace.js";

/** A bundle of `contents` as skyport build makes one, with the route validators' plugin, kept in memory. */
const bundled = (contents: string, source?: string) =>
  esbuild.build({
    stdin: { contents, resolveDir: REPOSITORY, sourcefile: "entry.mjs", loader: "ts" },
    bundle: true,
    write: false,
    platform: "node",
    conditions: ["@skyport/source", "module"],
    format: "esm",
    logLevel: "silent",
    plugins: [routeValidators(REPOSITORY, source)],
  });

describe("every bundle's route validators plugin", () => {
  it("refuses the run-time schema compiler and Ajv's compiler, saying the build compiles the schemas", async () => {
    await expect(bundled(`import { compileSchemasAtRunTime } from "@skyport/core/schemas"; compileSchemasAtRunTime();`)).rejects.toThrow(
      /imports @skyport\/core\/schemas: @skyport\/core\/schemas compiles schemas at run time, which no bundle does; skyport build compiles/,
    );
    await expect(bundled(`import Ajv from "ajv"; new Ajv();`)).rejects.toThrow(/imports ajv: Ajv compiles schemas at run time/);
  });

  it("lets compiled code use Ajv's run-time helpers, and serves the module the build generated", async () => {
    const { outputFiles } = await bundled(
      `import "skyport:route-validators"; import equal from "ajv/dist/runtime/equal.js"; console.log(equal);`,
      `globalThis.registered = "v1";`,
    );
    expect(outputFiles[0]!.text).toContain(`globalThis.registered = "v1"`);
  });
});
