import autocannon, { type Result } from "autocannon";
import { median, spreadOf } from "../decision/interval.js";
import { ORDER_BODY } from "../invocation/workload.js";
import type { ThroughputResult, ThroughputRow } from "../results.js";
import { rawNodeServer, skyportLocalServer, type RunningServer } from "./servers.js";

export const CONNECTIONS = 10;

/** The bench's load: POST /orders from `connections` connections for `seconds`; any answer but a 2xx fails it. */
export async function postOrders(server: RunningServer, seconds: number, connections = CONNECTIONS): Promise<Result> {
  const result = await autocannon({
    url: `${server.url}/orders`,
    method: "POST",
    headers: { "content-type": "application/json" },
    body: ORDER_BODY,
    connections,
    duration: seconds,
  });
  if (result.non2xx || result.errors || result.timeouts) {
    throw new Error(`${server.name}: ${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.timeouts} timeouts under load`);
  }
  return result;
}

async function load(server: RunningServer, seconds: number) {
  const result = await postOrders(server, seconds);
  return { requestsPerSecond: result.requests.average, p50Ms: result.latency.p50, p99Ms: result.latency.p99 };
}

/**
 * POST /orders on loopback with autocannon: the local server against a raw node:http server doing
 * the same work on the same store (raw-server.ts: the outbox drained and each order confirmed by
 * hand). Each repeat starts both servers afresh (new processes, new SQLite files), warms each up,
 * then loads them in turns for `rounds` rounds, the order reversed every other round; each round's
 * pair is one sample of the ratio.
 */
export async function measureThroughput(secondsPerRound: number, rounds: number, repeats = 1): Promise<ThroughputResult> {
  const rows: ThroughputRow[] = [];
  const ratios: number[] = [];
  for (let repeat = 0; repeat < repeats; repeat++) {
    const servers = [await skyportLocalServer(), await rawNodeServer()];
    try {
      for (const server of servers) await load(server, 1);
      if (rows.length === 0)
        rows.push(...servers.map((server) => ({ server: server.name, store: "sqlite", requestsPerSecond: 0, p50Ms: 0, p99Ms: 0, rounds: [] })));
      for (let round = 0; round < rounds; round++) {
        const pair: number[] = [];
        for (let i = 0; i < servers.length; i++) {
          const k = round % 2 ? servers.length - 1 - i : i;
          const measured = await load(servers[k]!, secondsPerRound);
          rows[k]!.rounds.push(measured);
          pair[k] = measured.requestsPerSecond;
        }
        ratios.push(pair[0]! / pair[1]!);
      }
    } finally {
      await Promise.all(servers.map((server) => server.stop()));
    }
  }
  for (const row of rows) {
    row.requestsPerSecond = median(row.rounds.map((r) => r.requestsPerSecond));
    row.p50Ms = median(row.rounds.map((r) => r.p50Ms));
    row.p99Ms = median(row.rounds.map((r) => r.p99Ms));
  }
  return { repeats, tool: "autocannon", connections: CONNECTIONS, secondsPerRound, rows, ratioSpread: spreadOf(ratios) };
}
