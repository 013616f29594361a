import type { PreviousRun } from "./decision/agreement.js";
import type { Decision } from "./decision/decide.js";
import type { Spread } from "./decision/interval.js";
import type { ChangeFeedRow } from "./change-feed-throughput.js";
import type { CacheResult } from "./cache/measure.js";
import type { DocumentsResult } from "./documents/measure.js";
import type { SecretReadResult } from "./secret-read/measure.js";
import type { ImportResult } from "./import/index.js";
import type { ImportCallsResult } from "./import-calls/measure.js";
import type { StreamRow } from "./stream-throughput.js";
import type { ValidatedRouteResult } from "./validated-route/index.js";
/** bench/results.json: every figure of one `npm run bench`, and the machine it ran on. */
export interface BenchResults {
  command: string;
  startedAt: string;
  machine: {
    cpus: number;
    cpuModel: string;
    node: string;
    platform: string /** The 1-minute load average at the run's start and end. */;
    loadAverage?: [number, number];
  };
  /** How long the run took, in seconds. */
  durationSeconds?: number;
  quick: boolean;
  invocation: InvocationResult;
  bundles: BundleRow[];
  coldStart: ColdStartResult;
  storeSdks: StoreSdkRow[];
  throughput: ThroughputResult;
  /** Shipment records/s through each stream function (issue 13), the hand-written consumer first. */
  streams?: StreamRow[];
  /** The bulk import of a 100 MB file (issue 14): orders/s and peak RSS, Skyport's and a hand-written one's. */
  bulkImport?: ImportResult;
  /**
   * Store calls per imported order, each order through POST /orders (before) and the import (after),
   * on SQLite and DynamoDB Local (issue 23), from the run it names.
   */
  importCalls?: ImportCallsResult;
  /** New orders' changes/s through each changes function running the outbox, the hand-written consumer first (absent before it was measured). */
  changeFeeds?: ChangeFeedRow[];
  /** The portable collections against the raw SDK on each store's emulator (issue 23), from the run it names (absent before it was measured). */
  documents?: DocumentsResult;
  /** A secret read from memory against its first fetch (issue 27). */
  secretRead?: SecretReadResult;
  /** POST /notes with a declared body schema against the same route checking its body by hand (issue 24), from the run it names. */
  validatedRoute?: ValidatedRouteResult;
  /** GET /orders/{id}'s read: a Redis cache hit against a store read on each cloud store's emulator (issue 27), from the run it names. */
  cache?: CacheResult;
  targets: TargetRow[];
  /** The previous full run on this machine, whose decisions this run's must agree with (absent for the first). */
  previousRun?: PreviousRun;
}

export interface InvocationRow {
  cloud: string;
  event: string;
  layer: string;
  /** `info` (templates' default, request logs on: the headline) or `warn` (the second view). */
  logLevel: "info" | "warn";
  note?: string;
  /** Median over the rounds of ns per POST /orders + GET /orders/{id}. */
  nsPerOp: number;
  postNs: number;
  getNs: number;
  rounds: number[];
  /** Median over the processes of each one's median over its rounds of this round's ns/op over the hand-written handler's in the same round. */
  ratio?: number;
  /** That ratio's median and interval over the fresh processes (each process one sample). */
  ratioSpread?: Spread;
}

export interface InvocationResult {
  /** Fresh processes per group of handlers. */
  repeats?: number;
  ops: number;
  rounds: number;
  warmup: number;
  rows: InvocationRow[];
}

export interface BundleRow {
  cloud: string;
  function: string;
  /** The function's trigger kind (http, queue, schedule, stream, changes, object), or `app` for Azure's one app of them all. */
  kind?: string;
  file: string;
  minifiedBytes: number;
  gzipBytes: number;
  /** Bytes in the minified output that come from Skyport's own sources (core, adapters, apps). */
  skyportBytes: number;
  /** The same bytes by part: the portable layer (function model, HTTP handling, ports, runtime adapter, composition), the order domain, the stores. */
  skyportParts: { layer: number; domain: number; stores: number };
  thirdPartyBytes: number;
  /** Skyport's own bytes by source folder (core/src/collections, adapters/dynamodb/src/documents, ...), the largest first: where a size goes. */
  skyportFolders?: { folder: string; bytes: number }[];
  /** The largest third-party packages, by bytes in the output. */
  topPackages: { name: string; bytes: number }[];
}

export interface ColdStartRow {
  cloud: string;
  layer: string;
  store: string;
  bundle: string;
  /** performance.now() when the first answer is back: ms since the process started. */
  inProcessMs: number;
  /** Spawn to exit, measured by the parent. */
  wallMs: number;
  runs: { inProcessMs: number; wallMs: number }[];
  /** Skyport rows: the median over runs of this run minus the hand-written run beside it (the two run back to back). */
  extraMs?: { inProcess: number; wall: number };
  /** The same differences' median and interval (each pair of runs one sample). */
  extraSpread?: { inProcess: Spread; wall: Spread };
}

export interface ColdStartResult {
  runs: number;
  firstInvocation: string;
  rows: ColdStartRow[];
}

export interface StoreSdkRow {
  cloud: string;
  bundle: string;
  store: string;
  /** Store SDK packages whose code ran by the end of the first invocation. */
  loaded: string[];
  /** Files of Skyport's own store packages that ran (settings read at start need no SDK). */
  storePackageFiles: string[];
  /** Other SDKs of the bundle whose code ran (queue, identity, DI): evidence that the check sees code that runs. */
  alsoLoaded: string[];
  /** Only the configured store's SDK (or none, for memory) may load. */
  ok: boolean;
}

export interface ThroughputRow {
  server: string;
  store: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  rounds: { requestsPerSecond: number; p50Ms: number; p99Ms: number }[];
}

export interface ThroughputResult {
  /** Fresh pairs of server processes, each loaded in `rounds` alternating rounds. */
  repeats?: number;
  tool: string;
  connections: number;
  secondsPerRound: number;
  rows: ThroughputRow[];
  /** The local server's requests/s over the raw server's, round by round (each round pair one sample). */
  ratioSpread?: Spread;
}

export interface TargetRow {
  target: string;
  limit: string;
  /** The median, with its interval where the figure was repeated. */
  measured: string;
  /** Met only when the whole interval is within the limit, missed only when it is wholly outside (decision/decide.ts). */
  status: Decision;
  /** The median and its interval in the limit's unit; a size or a check is one exact figure. */
  median?: number;
  interval?: [number, number];
}
