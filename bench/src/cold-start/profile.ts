import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { builtBundles } from "../bundles/deployed-bundles.js";
import { busyTime, differingPlaces, selfTimes } from "../cpu-profile.js";
import { signed, textTable } from "../table.js";
import { coldSubjects, type ColdSubject } from "./cold-subjects.js";
import { probe } from "./index.js";

/**
 * `npm run profile:cold-start -w bench [-- runs]`: each cloud's Skyport HTTP bundle and the hand-written one,
 * started cold in turns under `node --cpu-prof` (the probe of the cold-start bench: GET /health, the store
 * configured), and where each spends its CPU time, side by side: the places that differ most first.
 */
async function profileColdStarts(runs: number) {
  const clouds = [...new Set(builtBundles().map((b) => b.cloud))];
  for (const cloud of clouds) {
    const pair = coldSubjects([cloud]);
    const dirs = pair.map(() => mkdtempSync(join(tmpdir(), "skyport-cold-profile-")));
    try {
      for (let run = 0; run < runs + 1; run++) {
        for (const [i, subject] of pair.entries()) {
          // The first run of each warms the file cache: its profile is not kept.
          const dir = run === 0 ? mkdtempSync(join(tmpdir(), "skyport-cold-warm-")) : dirs[i]!;
          await probe(subject, {}, ["--cpu-prof", `--cpu-prof-dir=${dir}`, "--cpu-prof-interval=100"]);
          if (run === 0) rmSync(dir, { recursive: true });
        }
      }
      console.log(report(cloud, pair, dirs.map(selfTimes)));
    } finally {
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    }
  }
}

function report(cloud: string, pair: ColdSubject[], [skyport, hand]: Map<string, number>[]): string {
  const [busy, handBusy] = [busyTime(skyport!), busyTime(hand!)];
  const cells = [...differingPlaces(skyport!, hand!, 20), ["all CPU time (idle left out)", busy.toFixed(1), handBusy.toFixed(1), signed(busy - handBusy)]];
  return `\n${cloud}: ${pair[0]!.bundle} against ${pair[1]!.bundle}, self time per cold start (ms, mean)\n${textTable(
    ["place", "Skyport", "hand-written", "extra"],
    cells,
  )}`;
}

await profileColdStarts(Number(process.argv[2] ?? 10));
