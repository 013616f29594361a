import { readFileSync, readdirSync } from "node:fs";
import { SourceMap } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { packageOf } from "./bundles/bundle-sizes.js";
import { signed } from "./table.js";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
/** What `node --cpu-prof` writes: times in microseconds of the process's monotonic clock (process.hrtime's). */
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
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
export function placeOf({ functionName, url, lineNumber, columnNumber }: ProfileNode["callFrame"]): string {
  if (url === "") return functionName || "(native)";
  if (url.startsWith("node:")) return "node internals (module loading, streams)";
  const entry = url.startsWith("file:") ? sourceMapOf(url)?.findEntry(lineNumber, columnNumber) : undefined;
  const source = entry && "originalSource" in entry ? (entry.originalSource as string | null) : undefined;
  // A file node loads as it is (an external package of the bundle) has no map: its path says which package it is.
  if (!source) return packageOf(url) ?? "the bundle, outside any source (esbuild's glue)";
  // A map names a source relative to itself (resolved, so that bench/dist's read as the bundles' do) or by a URL of its own (webpack://).
  const path = /^[a-z][\w+.-]*:/i.test(source) ? source : new URL(source, url).pathname;
  return packageOf(path) ?? path.replace(/^.*?\/((core|adapters|apps|bench)\/)/, "$1");
}

/** The `.cpuprofile` files node wrote into `dir`. */
export function profilesIn(dir: string): CpuProfile[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith(".cpuprofile"))
    .map((file) => JSON.parse(readFileSync(join(dir, file), "utf8")) as CpuProfile);
}

/** Milliseconds of self time per place in one profile, of the samples taken from `from` to `to` (µs, the profile's clock). */
export function placeTimes(profile: CpuProfile, from = Number.NEGATIVE_INFINITY, to = Number.POSITIVE_INFINITY): Map<string, number> {
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const totals = new Map<string, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (at < from || at > to) return;
    const place = placeOf(frames.get(id)!);
    totals.set(place, (totals.get(place) ?? 0) + delta / 1000);
  });
  return totals;
}

/** Milliseconds of self time per place, summed over the profiles in `dir`, divided by their number. */
export function selfTimes(dir: string): Map<string, number> {
  const profiles = profilesIn(dir);
  const totals = new Map<string, number>();
  for (const profile of profiles) for (const [place, ms] of placeTimes(profile)) totals.set(place, (totals.get(place) ?? 0) + ms);
  for (const [place, ms] of totals) totals.set(place, ms / profiles.length);
  return totals;
}

/** The place of the samples taken while the thread waited for events. */
export const IDLE = "(idle)";

/** Self time in every place but idle. */
export function busyTime(places: Map<string, number>): number {
  return [...places].filter(([place]) => place !== IDLE).reduce((sum, [, time]) => sum + time, 0);
}

/** Two processes' self times side by side, the `top` places where they differ most first (idle left out): place, a, b, a - b. */
export function differingPlaces(a: Map<string, number>, b: Map<string, number>, top: number): string[][] {
  return [...new Set([...a.keys(), ...b.keys()])]
    .filter((place) => place !== IDLE)
    .map((place) => ({ place, a: a.get(place) ?? 0, b: b.get(place) ?? 0 }))
    .sort((x, y) => Math.abs(y.a - y.b) - Math.abs(x.a - x.b))
    .slice(0, top)
    .map((row) => [row.place, row.a.toFixed(1), row.b.toFixed(1), signed(row.a - row.b)]);
}
