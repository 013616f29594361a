import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { busyTime, differingPlaces, IDLE, placeTimes, profilesIn } from "../cpu-profile.js";
import { textTable } from "../table.js";
import { CONNECTIONS, postOrders } from "./index.js";
import { rawNodeServer, skyportLocalServer, type RunningServer } from "./servers.js";

const SECONDS = 5;

/** What one server did over its loaded seconds, summed over the runs. */
interface Tally {
  name: string;
  requests: number;
  seconds: number;
  /** The process's CPU time (user + system, ms) as Linux counts it. */
  cpuMs: number;
  /** Milliseconds of self time per place, idle included. */
  places: Map<string, number>;
}

const nowMicros = () => Number(process.hrtime.bigint() / 1000n);

/**
 * A process's CPU time so far (ms), from /proc (NaN elsewhere than on Linux). A profile's sample is busy whenever the
 * thread is not waiting for events, also while it waits for a core: on a loaded machine only this counts CPU alone.
 */
function cpuMsOf(pid: number): number {
  try {
    const [utime, stime] = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ").slice(11, 13);
    return (Number(utime) + Number(stime)) * 10; // in clock ticks, 100 a second
  } catch {
    return Number.NaN;
  }
}

/**
 * One run of one server: started under node --cpu-prof, warmed for a second, loaded for SECONDS, stopped so that node
 * writes the profile. Only the samples taken while the load ran count: start-up, warm-up and shutdown are left out
 * (the profile's clock is process.hrtime's, in this process as in the server's).
 */
async function profiledRun(start: (nodeArgs: string[]) => Promise<RunningServer>, connections: number, tally?: Tally): Promise<Tally> {
  const dir = mkdtempSync(join(tmpdir(), "skyport-local-profile-"));
  try {
    const server = await start(["--cpu-prof", `--cpu-prof-dir=${dir}`]);
    let from = 0;
    let to = 0;
    let requests = 0;
    let cpuMs = 0;
    try {
      await postOrders(server, 1, connections);
      [from, cpuMs] = [nowMicros(), cpuMsOf(server.pid)];
      requests = (await postOrders(server, SECONDS, connections)).requests.total;
      [to, cpuMs] = [nowMicros(), cpuMsOf(server.pid) - cpuMs];
    } finally {
      await server.stop();
    }
    const [profile] = profilesIn(dir);
    if (!profile || profile.startTime > from || profile.endTime < to) throw new Error(`${server.name}: no profile covers the loaded seconds`);
    const sum = tally ?? { name: server.name, requests: 0, seconds: 0, cpuMs: 0, places: new Map<string, number>() };
    sum.requests += requests;
    sum.seconds += (to - from) / 1e6;
    sum.cpuMs += cpuMs;
    for (const [place, ms] of placeTimes(profile, from, to)) sum.places.set(place, (sum.places.get(place) ?? 0) + ms);
    return sum;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const idleShare = (tally: Tally) => (tally.places.get(IDLE) ?? 0) / (busyTime(tally.places) + (tally.places.get(IDLE) ?? 0));
/** Self time per place per request, in µs. */
const perRequest = (tally: Tally) => new Map([...tally.places].map(([place, ms]) => [place, (ms * 1000) / tally.requests]));

function report([skyport, raw]: Tally[], connections: number): string {
  const cells = differingPlaces(perRequest(skyport!), perRequest(raw!), 15);
  const summary = [skyport!, raw!].map((tally) => [
    tally.name,
    (tally.requests / tally.seconds).toFixed(0),
    (busyTime(tally.places) / tally.requests).toFixed(3),
    (tally.cpuMs / tally.requests).toFixed(3),
    `${(idleShare(tally) * 100).toFixed(0)}%`,
  ]);
  return [
    `\nPOST /orders, ${connections} connections, SQLite, ${SECONDS} s a run; CPU = the server's sampled non-idle time over its loaded seconds, ` +
      "/proc CPU = its user + system time then",
    textTable(["server", "requests/s", "CPU ms/request", "/proc CPU ms/request", "idle"], summary),
    "\nwhere the two differ most: self time per request (µs)",
    textTable(["place", "Skyport", "raw", "extra"], cells),
  ].join("\n");
}

/**
 * `npm run profile:local -w bench [-- runs [connections]]`: the local server against the raw node:http server of the
 * throughput bench, each alone and in turns, under node --cpu-prof and the bench's load; whether Skyport spends more
 * CPU per request (and where) or waits on the load generator (idle).
 */
async function profileLocalServer(runs: number, connections: number) {
  const tallies: (Tally | undefined)[] = [undefined, undefined];
  for (let run = 0; run < runs; run++) {
    tallies[0] = await profiledRun(skyportLocalServer, connections, tallies[0]);
    tallies[1] = await profiledRun(rawNodeServer, connections, tallies[1]);
  }
  console.log(report(tallies as Tally[], connections));
}

await profileLocalServer(Number(process.argv[2] ?? 3), Number(process.argv[3] ?? CONNECTIONS));
