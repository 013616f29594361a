import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { SourceMap } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { builtBundles } from "../bundles/deployed-bundles.js";
import { packageOf } from "../bundles/bundle-sizes.js";
import { signed, textTable } from "../table.js";
import { coldSubjects, type ColdSubject } from "./cold-subjects.js";
import { probe } from "./index.js";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const maps = new Map<string, SourceMap | undefined>();

/** The source map beside a bundle (the traced copies and the hand-written bundles have one). */
function sourceMapOf(url: string): SourceMap | undefined {
  if (!maps.has(url)) {
    let map: SourceMap | undefined;
    try {
      map = new SourceMap(JSON.parse(readFileSync(`${fileURLToPath(url)}.map`, "utf8")));
    } catch {
      map = undefined;
    }
    maps.set(url, map);
  }
  return maps.get(url);
}

/** Where a sample's own time goes: a package, one of Skyport's source files, node's own code, or V8's (GC, compile). */
function placeOf({ functionName, url, lineNumber, columnNumber }: ProfileNode["callFrame"]): string {
  if (url === "") return functionName || "(native)";
  if (url.startsWith("node:")) return "node internals (module loading, streams)";
  const entry = url.startsWith("file:") ? sourceMapOf(url)?.findEntry(lineNumber, columnNumber) : undefined;
  const source = entry && "originalSource" in entry ? (entry.originalSource as string | null) : undefined;
  if (!source) return "the bundle, outside any source (esbuild's glue)";
  return packageOf(source) ?? source.replace(/^.*?\/((core|adapters|apps|bench)\/)/, "$1");
}

/** Milliseconds of self time per place, summed over the profiles in `dir`, divided by their number. */
function selfTimes(dir: string): Map<string, number> {
  const files = readdirSync(dir).filter((file) => file.endsWith(".cpuprofile"));
  const totals = new Map<string, number>();
  for (const file of files) {
    const profile = JSON.parse(readFileSync(join(dir, file), "utf8")) as CpuProfile;
    const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
    profile.samples.forEach((id, i) => {
      const place = placeOf(frames.get(id)!);
      totals.set(place, (totals.get(place) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    });
  }
  for (const [place, ms] of totals) totals.set(place, ms / files.length);
  return totals;
}

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
  const places = [...new Set([...skyport!.keys(), ...hand!.keys()])].filter((place) => place !== "(idle)");
  const rows = places
    .map((place) => ({ place, skyport: skyport!.get(place) ?? 0, hand: hand!.get(place) ?? 0 }))
    .map((row) => ({ ...row, extra: row.skyport - row.hand }))
    .sort((a, b) => Math.abs(b.extra) - Math.abs(a.extra));
  const total = (times: Map<string, number>) => [...times].filter(([place]) => place !== "(idle)").reduce((sum, [, ms]) => sum + ms, 0);
  const cells = rows.slice(0, 20).map((row) => [row.place, row.skyport.toFixed(1), row.hand.toFixed(1), signed(row.extra)]);
  cells.push(["all CPU time (idle left out)", total(skyport!).toFixed(1), total(hand!).toFixed(1), signed(total(skyport!) - total(hand!))]);
  return `\n${cloud}: ${pair[0]!.bundle} against ${pair[1]!.bundle}, self time per cold start (ms, mean)\n${textTable(
    ["place", "Skyport", "hand-written", "extra"],
    cells,
  )}`;
}

await profileColdStarts(Number(process.argv[2] ?? 10));
