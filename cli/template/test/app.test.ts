import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { httpApiEvent, lambdaContext } from "@skyport/aws-lambda/testing";
import { bicepProblems, gcloudProblems, readTemplate, samProblems } from "@skyport/cli/checks";
import { startLocalApp, type LocalApp } from "@skyport/local";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import app from "../src/app.js";
import localWiring from "../src/local.js";

const appDir = join(dirname(fileURLToPath(import.meta.url)), "..");

describe("__NAME__, run locally as npm start runs it", () => {
  let local: LocalApp;
  beforeAll(async () => {
    local = await startLocalApp(app, localWiring, { PORT: "0", SKYPORT_LOG_LEVEL: "error" });
  });
  afterAll(() => local.close());

  it("api greets by name, and answers a bad name with a 400 problem", async () => {
    const hello = await fetch(`${local.url}/hello?name=Ada`);
    expect([hello.status, await hello.json()]).toEqual([200, { message: "Hello, Ada!" }]);
    const bad = await fetch(`${local.url}/hello?name=${encodeURIComponent("<script>")}`);
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toBe("application/problem+json");
  });

  it("work runs a job and dead-letters one without a jobId", async () => {
    const jobs = local.queue("jobs");
    const result = await jobs.deliver([
      { id: "m1", body: JSON.stringify({ type: "job.requested", jobId: "j-1" }), attempt: 1 },
      { id: "m2", body: JSON.stringify({ type: "job.requested" }), attempt: 1 },
    ]);
    expect(result.failed).toEqual([{ id: "m2", retryable: false }]);
    expect(jobs.deadLetters.map((letter) => letter.message.id)).toEqual(["m2"]);
  });

  it("tick runs on demand as its timer runs it", async () => {
    expect(await local.run("tick")).toMatchObject({ at: expect.any(String) });
  });
});

describe("the deploy templates deploy exactly what src/app.ts declares", () => {
  it("deploy/aws/template.yaml", () => {
    expect(samProblems(app, readTemplate(join(appDir, "deploy/aws/template.yaml")))).toEqual([]);
  });
  it("deploy/gcp/deploy.sh", () => {
    expect(gcloudProblems(app, readFileSync(join(appDir, "deploy/gcp/deploy.sh"), "utf8"))).toEqual([]);
  });
  it("deploy/azure/main.bicep", () => {
    expect(bicepProblems(app, readFileSync(join(appDir, "deploy/azure/main.bicep"), "utf8"))).toEqual([]);
  });
});

describe("the bundles skyport build wrote", () => {
  it("has one Lambda and one Google Cloud bundle per function, the Azure app, and the local server", () => {
    const files = [
      ...Object.keys(app.functions).flatMap((name) => [`aws/${name}/index.mjs`, `gcp/${name}/index.mjs`, `gcp/${name}/package.json`]),
      "azure/main.mjs",
      "azure/host.json",
      "local/server.mjs",
    ];
    expect(files.filter((file) => !existsSync(join(appDir, "dist", file)))).toEqual([]);
  });

  it("the api bundle answers an API Gateway request as Lambda would run it", async () => {
    process.env.SKYPORT_LOG_LEVEL = "warn";
    const { handler } = await import(pathToFileURL(join(appDir, "dist/aws/api/index.mjs")).href);
    const result = await handler(httpApiEvent({ method: "GET", path: "/hello?name=Grace" }), lambdaContext());
    expect([result.statusCode, JSON.parse(result.body)]).toEqual([200, { message: "Hello, Grace!" }]);
  });
});
