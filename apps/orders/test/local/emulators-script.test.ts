import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { startLocalServer } from "./local-server.js";
import { portOpen } from "./processes.js";

const script = fileURLToPath(new URL("../../../../scripts/emulators.mjs", import.meta.url));

describe("npm run emulators", () => {
  it("starts a stand-in, prints the variables that point the local server at it, and stops it on Ctrl-C", async () => {
    // The Cosmos DB server alone: the quickest of them; the others start the same way.
    const child = spawn(process.execPath, [script, "cosmos"], { stdio: ["ignore", "pipe", "inherit"] });
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    const variables: Record<string, string> = {};
    for await (const line of createInterface({ input: child.stdout! })) {
      const match = /^export (\w+)=(.*)$/.exec(line);
      if (match) variables[match[1]!] = match[2]!;
      if (line.includes("Ctrl-C")) break;
    }
    expect(variables).toMatchObject({
      SKYPORT_STORE: "cosmos",
      SKYPORT_COSMOS_ENDPOINT: expect.stringMatching(/^https:\/\/127\.0\.0\.1:\d+$/),
      SKYPORT_COSMOS_KEY: expect.any(String),
    });

    const server = await startLocalServer({ PORT: "0", SKYPORT_LOG_LEVEL: "error", ...variables }, { logWrite: () => {} });
    try {
      const body = JSON.stringify({ customerId: "cus_emulators", items: [{ sku: "A", quantity: 1, unitPrice: 5 }], currency: "EUR" });
      const created = await fetch(`${server.url}/orders`, { method: "POST", headers: { "content-type": "application/json" }, body });
      expect(created.status).toBe(201);
    } finally {
      await server.close();
    }

    child.kill("SIGINT");
    expect(await exited).toBe(0);
    expect(await portOpen(Number(new URL(variables.SKYPORT_COSMOS_ENDPOINT!).port))).toBe(false);
  }, 60_000);
});
