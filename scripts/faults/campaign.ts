import { cpSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { openQueueFile, type QueueFile } from "@skyport/local";
import { type Anomalies, checkHistory, RULES } from "./check-history.js";
import { emptyHistory } from "./history.js";
import { dropImports } from "./import-files.js";
import { postOrders } from "./order-clients.js";
import { seededRandom, sleep } from "./seeded-random.js";
import { freePort, type ServerFiles, ServerProcess } from "./server-process.js";
import { putShipments } from "./shipment-records.js";

export interface CampaignOptions {
  seed: number;
  /** SIGKILLs, each at a seeded moment of the server's life (during its start too). */
  kills: number;
  /** The built local server, dist/local/server.mjs. */
  bundle: string;
  /** Where the server's files (SQLite store, queue file, dead letters, bucket, log) are made. */
  dir: string;
  /** Concurrent POST /orders clients. */
  posters?: number;
  /** How long a server serves before its kill, from its first answer: a seeded time in this range. */
  lifetimeMs?: [number, number];
  log?: (line: string) => void;
}

export interface CampaignResult {
  seed: number;
  kills: number;
  requests: number;
  keys: number;
  orders: number;
  imports: number;
  importedOrders: number;
  shipments: number;
  poison: number;
  anomalies: Anomalies;
  crashes: string[];
  durationMs: number;
}

/**
 * The local fault campaign (issue #28): the built local server under a mix of POSTs with
 * Idempotency-Keys, CSV imports and shipment records, SIGKILLed `kills` times at seeded moments
 * and started again on the same files; then every unanswered key is retried, the queues and the
 * stream drain, the server stops, and the history is checked against its files.
 */
export async function runCampaign(options: CampaignOptions): Promise<CampaignResult> {
  const { seed, kills, bundle, dir, posters = 6, lifetimeMs = [0, 2000], log = () => {} } = options;
  const started = Date.now();
  log(`fault campaign: seed ${seed} (SKYPORT_FAULTS_SEED=${seed} replays it), ${kills} kills, files in ${dir}`);
  const random = seededRandom(seed);
  mkdirSync(dir, { recursive: true });
  const files: ServerFiles = {
    database: join(dir, "orders.db"),
    queues: join(dir, "queues.db"),
    deadLetters: join(dir, "dead-letters.jsonl"),
    bucket: join(dir, "bucket"),
    log: join(dir, "server.log"),
  };
  // A copy of its own beside the built one (so that node_modules resolve alike): a build during the campaign does not swap it mid-run.
  const copy = join(dirname(dirname(bundle)), `.faults-${process.pid}-${seed}`);
  cpSync(dirname(bundle), copy, { recursive: true });
  const server = new ServerProcess(join(copy, basename(bundle)), files, await freePort());
  const queueFile = openQueueFile(files.queues);
  const history = emptyHistory();
  const phase = { creating: true, settleUntil: Number.POSITIVE_INFINITY };
  const created: string[] = [];
  const createdWaiters: (() => void)[] = [];
  const nextCreated = () => new Promise<void>((resolve) => createdWaiters.push(resolve));
  const onCreated = (id: string) => {
    created.push(id);
    for (const resolve of createdWaiters.splice(0)) resolve();
  };
  try {
    await server.start().ready;
    const clients = [
      ...Array.from({ length: posters }, (_, i) => postOrders(server.url, i + 1, seededRandom(seed + i + 1), history, phase, onCreated)),
      dropImports(files.bucket, seededRandom(seed + 101), history, phase),
      putShipments(server.url, queueFile, seededRandom(seed + 102), history, created, phase),
    ];
    let ready: Promise<unknown> = Promise.resolve();
    for (let kill = 1; kill <= kills; kill++) {
      // One kill in five while the server starts (redelivering what the last kill left), the others while it serves.
      if (random.chance(0.2)) await sleep(random.int(0, 800));
      else {
        // Then just after an order is answered: its announcement and confirmation are under way, the window a lost message needs.
        await Promise.race([ready.then(() => sleep(random.int(...lifetimeMs))).then(nextCreated), sleep(10_000)]);
        await sleep(random.int(0, 150));
      }
      await server.kill();
      if (kill % 25 === 0 || kill === kills) log(`  ${kill} kills, ${history.requests} requests, ${history.keys.length} keys, ${elapsed(started)}`);
      await sleep(random.int(0, 100));
      if (kill < kills) ready = server.start().ready.catch(() => {});
    }
    // Settle: one more start, no new work; each client's last key is retried until it is answered (past the 30 s lease).
    await server.start().ready;
    phase.creating = false;
    phase.settleUntil = Date.now() + 90_000;
    await Promise.all(clients);
    log(`  every key answered, ${elapsed(started)}`);
    await drained(
      queueFile,
      history.imports.map((file) => file.object),
      files.bucket,
    );
    await server.stop();
  } finally {
    queueFile.close();
    await server.kill();
    rmSync(copy, { recursive: true, force: true });
  }
  const { anomalies, orders } = await checkHistory(history, files);
  return {
    seed,
    kills,
    requests: history.requests,
    keys: history.keys.length,
    orders,
    imports: history.imports.length,
    importedOrders: history.imports.reduce((sum, file) => sum + file.refs.length, 0),
    shipments: history.shipments.length,
    poison: history.poison.length,
    anomalies,
    crashes: server.crashes,
    durationMs: Date.now() - started,
  };
}

const elapsed = (since: number) => `${((Date.now() - since) / 1000).toFixed(0)} s`;

/** Waits (at most a minute) until the queue file holds nothing for `confirm` nor on `shipments` twice in a row, and every import has its report. */
async function drained(queueFile: QueueFile, imports: string[], bucket: string) {
  const reported = () => imports.every((object) => existsSync(join(bucket, "reports", `${object.slice("imports/".length)}.json`)));
  const empty = () => queueFile.waiting("orders", "confirm").length === 0 && queueFile.records("shipments").length === 0;
  for (let calm = 0, until = Date.now() + 60_000; calm < 2 && Date.now() < until; ) {
    await sleep(500);
    calm = empty() && reported() ? calm + 1 : 0;
  }
}

/** The figures of a campaign, as the README gives them. */
export function figuresOf(result: CampaignResult): string {
  const anomalies = Object.entries(result.anomalies);
  const total = anomalies.reduce((sum, [, found]) => sum + found.length, 0) + result.crashes.length;
  return [
    `seed ${result.seed}: ${result.kills} kills in ${(result.durationMs / 1000).toFixed(0)} s`,
    `requests ${result.requests}, keys ${result.keys}, orders in the store ${result.orders}`,
    `imports ${result.imports} (${result.importedOrders} orders), shipments ${result.shipments}, poison records ${result.poison}`,
    `anomalies ${total}: ${anomalies.map(([rule, found]) => `${rule} ${found.length}`).join(", ")}, crashes ${result.crashes.length}`,
    ...anomalies.flatMap(([rule, found]) => found.slice(0, 5).map((line) => `  ${rule} (${RULES[rule as keyof typeof RULES]}): ${line}`)),
    ...result.crashes.slice(0, 5).map((line) => `  crash: ${line}`),
  ].join("\n");
}
