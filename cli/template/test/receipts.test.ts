import { createHmac } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startLocalApp, type LocalApp } from "@skyport/local";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import app from "../src/app.js";
import localWiring from "../src/local.js";

const KEY = "receipt-key-5b1e9d0c-never-logged";
const files = mkdtempSync(join(tmpdir(), "__NAME__-receipts-"));
afterAll(() => rmSync(files, { recursive: true, force: true }));

/** The local server with the receipt key in SKYPORT_SECRET_RECEIPT_SIGNING_KEY, or with none (`key` undefined, and no secrets folder). */
function serverWith(key: string | undefined): () => LocalApp {
  let local: LocalApp;
  beforeAll(async () => {
    local = await startLocalApp(app, localWiring, {
      PORT: "0",
      SKYPORT_STORE: "memory",
      SKYPORT_LOG_LEVEL: "info",
      SKYPORT_QUEUE_PATH: ":memory:",
      SKYPORT_DEAD_LETTER_FILE: join(files, `dead-letters-${key ? "keyed" : "keyless"}.jsonl`),
      SKYPORT_SECRETS_DIR: join(files, "no-secrets"),
      ...(key && { SKYPORT_SECRET_RECEIPT_SIGNING_KEY: key }),
    });
  });
  afterAll(() => local.close());
  return () => local;
}

/** Every line the process writes to stdout while `run` runs (the server's log). */
async function stdoutOf(run: () => Promise<unknown>): Promise<string> {
  const written: string[] = [];
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    written.push(String(chunk));
    return true;
  });
  try {
    await run();
  } finally {
    spy.mockRestore();
  }
  return written.join("");
}
afterEach(() => vi.restoreAllMocks());

describe("work signs a receipt with the declared receipt-signing-key", () => {
  const server = serverWith(KEY);

  it("reads the key, signs the job's receipt with it, and logs the signature, never the key", async () => {
    const jobs = server().queue("jobs");
    let result: Awaited<ReturnType<typeof jobs.deliver>> | undefined;
    const output = await stdoutOf(async () => {
      result = await jobs.deliver([{ id: "r1", body: JSON.stringify({ type: "receipt.requested", jobId: `job-for-${KEY}` }), attempt: 1 }]);
    });
    expect(result?.failed).toEqual([]);
    const signed = output
      .split("\n")
      .filter((line) => line.includes("receipt signed"))
      .map((line) => JSON.parse(line) as { signature: string });
    expect(signed.map((line) => line.signature)).toEqual([createHmac("sha256", KEY).update(`job-for-${KEY}`).digest("hex")]);
    // The job id held the key too: the log hides it wherever it appears.
    expect(output).toContain("job-for-[redacted]");
    expect(output).not.toContain(KEY);
  });
});

describe("work without its key", () => {
  const server = serverWith(undefined);

  it("fails the message for a retry, the failure logged naming the secret", async () => {
    const jobs = server().queue("jobs");
    let result: Awaited<ReturnType<typeof jobs.deliver>> | undefined;
    const output = await stdoutOf(async () => {
      result = await jobs.deliver([{ id: "r2", body: JSON.stringify({ type: "receipt.requested", jobId: "j-2" }), attempt: 1 }]);
    });
    expect(result?.failed).toEqual([{ id: "r2", retryable: true }]);
    expect(output).toContain("receipt-signing-key");
  });
});

describe("the bundles that carry secrets", () => {
  const dist = join(dirname(fileURLToPath(import.meta.url)), "../dist");
  const read = (file: string) => readFileSync(join(dist, file), "utf8");

  it("are work's alone, with its cloud's client; no cloud bundle carries the local source (settings and .data/secrets)", () => {
    const carries = (cloud: string, marker: string) => ["api", "work", "tick"].filter((fn) => read(`${cloud}/${fn}/index.mjs`).includes(marker));
    expect(carries("aws", "GetSecretValue")).toEqual(["work"]);
    expect(carries("gcp", "accessSecretVersion")).toEqual(["work"]);
    const azure = ["azure/main.mjs", ...readdirSync(join(dist, "azure/chunks")).map((chunk) => `azure/chunks/${chunk}`)];
    const cloudBundles = [...["aws", "gcp"].flatMap((cloud) => ["api", "work", "tick"].map((fn) => `${cloud}/${fn}/index.mjs`)), ...azure];
    expect(cloudBundles.filter((file) => read(file).includes("SKYPORT_SECRETS_DIR"))).toEqual([]);
    expect(read("local/server.mjs")).toContain("SKYPORT_SECRETS_DIR");
  });
});
