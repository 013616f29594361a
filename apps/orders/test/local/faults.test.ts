import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { figuresOf, runCampaign } from "../../../../scripts/faults/campaign.js";
import { RULES } from "../../../../scripts/faults/check-history.js";
import { campaignSeed } from "../../../../scripts/faults/seeded-random.js";
import { temporaryDirectory } from "./temporary-directory.js";

// SKYPORT_FAULTS_BUNDLE: another build of the local server, e.g. one with a crash fix taken out, to see the campaign catch it.
const bundle = process.env.SKYPORT_FAULTS_BUNDLE ?? fileURLToPath(new URL("../../dist/local/server.mjs", import.meta.url));
// SKYPORT_FAULTS_DIR keeps the server's files (store, queue file, dead letters, bucket, log) to look into after a failure.
const dir = process.env.SKYPORT_FAULTS_DIR ?? temporaryDirectory();
// A short campaign in `npm test`; `npm run test:faults` sets SKYPORT_FAULTS_KILLS=200.
const kills = Number(process.env.SKYPORT_FAULTS_KILLS ?? 10);
const noAnomalies = Object.fromEntries(Object.keys(RULES).map((rule) => [rule, []]));

it(
  `keeps every rule of its history with the local server SIGKILLed ${kills} times under POSTs, imports and shipment records`,
  async () => {
    const result = await runCampaign({ seed: campaignSeed(), kills, bundle, dir, log: (line) => console.log(line) });
    console.log(figuresOf(result));
    expect({ anomalies: result.anomalies, crashes: result.crashes }, figuresOf(result)).toEqual({ anomalies: noAnomalies, crashes: [] });
    // The campaign did work: orders were made, imports reported, shipments applied, poison put on the stream (seeded: every run has some).
    expect(result.keys).toBeGreaterThan(kills);
    expect(result.imports).toBeGreaterThan(0);
  },
  (kills * 4 + 240) * 1000,
);
