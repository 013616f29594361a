import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPO } from "./bundles/deployed-bundles.js";
import { DOCUMENTS_HEADER, documentsCells } from "./documents/cells.js";
import { IMPORT_CALLS_HEADER, importCallsCells } from "./import-calls/cells.js";
import type { BenchResults, TargetRow } from "./results.js";
import { agreement } from "./decision/agreement.js";
import { missedExplained } from "./missed.js";
import { OWN_CODE_LIMIT_KB } from "./targets.js";
import { secretReadSection } from "./secret-read/index.js";
import type { Spread } from "./decision/interval.js";
import { bundleCells, extraCell, files, ratioCell } from "./table.js";

const HEADING = "## Performance";

function markdownTable(header: string[], rows: (string | number)[][]): string {
  return [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`, ...rows.map((row) => `| ${row.join(" | ")} |`)].join("\n");
}

const us = (ns: number) => (ns / 1000).toFixed(1);

function invocationTable(rows: BenchResults["invocation"]["rows"]): string {
  return markdownTable(
    ["cloud", "event", "layer", "µs / POST+GET", "vs hand-written (95 % interval)"],
    rows.map((row) => [row.cloud, row.event, row.layer + (row.note ? ` (${row.note})` : ""), us(row.nsPerOp), ratioCell(row.ratio!, row.ratioSpread, "×")]),
  );
}

/** For each cloud's Skyport row: how much is core (the neutral row) and how much the adapter adds. */
function adapterShares(r: BenchResults): string[] {
  const core = r.invocation.rows.find((row) => row.cloud === "core" && row.layer === "Skyport" && row.logLevel === "info");
  if (!core) return [];
  const lines = r.invocation.rows
    .filter((row) => row.layer === "Skyport" && row.cloud !== "core" && row.logLevel === "info" && !row.note)
    .map((row) => {
      const hand = r.invocation.rows.find((h) => h.layer === "hand-written" && h.event === row.event && h.logLevel === "info")!;
      const [total, inCore, adapter, handWritten] = [row.nsPerOp, core.nsPerOp, row.nsPerOp - core.nsPerOp, hand.nsPerOp].map(us);
      return `- ${row.event}: ${total} µs = core ${inCore} + the adapter and the event's own objects ${adapter} (hand-written: ${handWritten})`;
    });
  return ["Where Skyport's time goes at info (this run; core alone from the first row):", "", ...lines, ""];
}

/** For each bundle over its own-code limit: where its Skyport bytes are, by source folder, from the esbuild metafile. */
function ownCodeByFolder(r: BenchResults): string[] {
  const over = r.targets.filter((t) => t.target.startsWith("Skyport's own code") && t.status !== "met");
  const lines = r.bundles
    .filter((b) => b.skyportFolders && over.some((t) => t.target.includes(b.file)))
    .map((b) => {
      const limit = OWN_CODE_LIMIT_KB[b.kind ?? ""];
      const folders = b.skyportFolders!.slice(0, 8).map(({ folder, bytes }) => `${folder} ${(bytes / 1024).toFixed(1)}`);
      return `- \`${b.file}\` (${b.kind}, at most ${limit} KB): ${(b.skyportBytes / 1024).toFixed(1)} KB = ${folders.join(", ")}, …`;
    });
  return lines.length
    ? ["Where Skyport's own code goes in each bundle over its limit (KB by source folder, the largest first, from the metafile):", "", ...lines, ""]
    : [];
}

/** A paragraph, then consumers' rates, the hand-written one first, as a table with each against it. */
function rateSection(paragraph: string[], unit: string, rows: { consumer: string; perSecond: number; ratio?: number; ratioSpread?: Spread }[]): string[] {
  const base = rows[0]!.perSecond;
  const table = markdownTable(
    ["consumer", `${unit}/s`, "vs hand-written (95 % interval)"],
    rows.map((row) => [row.consumer, row.perSecond, ratioCell(row.ratio ?? row.perSecond / base, row.ratioSpread, "×")]),
  );
  return [...paragraph, "", table, ""];
}

/** The change-feed rows, where the run measured them. */
function changeFeedSection(rows: BenchResults["changeFeeds"]): string[] {
  if (!rows?.length) return [];
  const paragraph = [
    `**Change feed**: ${rows[0]!.changes} new orders' changes through each runtime's changes function running the order outbox`,
    "(`publishOrderCreated`: an `order.created` per new order, to an in-memory queue), each fed its cloud's events, built",
    "beforehand: DynamoDB Streams batches of 100, Cosmos DB trigger batches of 100, a Firestore `document.v1.created` CloudEvent",
    "(protobuf) per change; locally the server's poller drains the memory store's outbox. Against a hand-written consumer of",
    "the same DynamoDB Streams events (INSERT records of orders, `unmarshall`, publish), taking turns round by round in each of",
    "several fresh processes: the rate is the median, the ratio the median of each process's median ratio to the hand-written",
    "consumer in the same round, with its bootstrap 95 % interval over the processes.",
    "The bench fails if a function did not announce each new order exactly once.",
  ];
  return rateSection(
    paragraph,
    "changes",
    rows.map((row) => ({ consumer: row.consumer, perSecond: row.changesPerSecond, ratio: row.ratio, ratioSpread: row.ratioSpread })),
  );
}

/** The stream rows, where the run measured them. */
function streamSection(rows: BenchResults["streams"]): string[] {
  if (!rows?.length) return [];
  const paragraph = [
    `**Stream**: ${rows[0]!.records} \`shipment.dispatched\` records (each order dispatched more than once: the first ships it, the`,
    "others change nothing) through each runtime's stream function running `applyShipment` on the memory store, each fed its",
    "cloud's events, built beforehand: Kinesis batches of 100, Event Hubs batches of 100, one Pub/Sub push per record; locally the in-process",
    "stream. Against a hand-written consumer of the same records (parse, check, read, write), taking turns round by round in",
    "each of several fresh processes: the rate is the median, the ratio the median of each process's median ratio to the",
    "hand-written consumer in the same round, with its bootstrap 95 % interval over the processes. The bench fails if an",
    "order was not shipped exactly once.",
  ];
  return rateSection(
    paragraph,
    "records",
    rows.map((row) => ({ consumer: row.consumer, perSecond: row.recordsPerSecond, ratio: row.ratio, ratioSpread: row.ratioSpread })),
  );
}

/** The bulk import's rows, where the run measured them. */
function importSection(result: BenchResults["bulkImport"]): string[] {
  if (!result?.rows.length) return [];
  const mb = (result.fileBytes / 1024 / 1024).toFixed(0);
  const hand = result.rows.find((row) => row.mode === "hand")!;
  return [
    `**Bulk import**: one ${mb} MB JSONL file (${result.lines} lines, every 100th invalid) imported by the object function (core's`,
    "import: a checking pass, then each order through `POST /orders`' own validation and create path) and by a hand-written",
    "import of the same file, each in a child process with a 512 MB function's heap; peak RSS from getrusage.",
    "",
    markdownTable(
      ["import", "created", "rejected", "orders/s", "vs hand-written", "peak RSS MB", "within 512 MB"],
      result.rows.map((row) => [
        row.mode === "hand" ? "hand-written" : "Skyport",
        row.created,
        row.rejected,
        row.ordersPerSecond,
        `${(row.ordersPerSecond / hand.ordersPerSecond).toFixed(2)}×`,
        Math.round(row.peakRssMb),
        row.within512Mb ? "yes" : "**no**",
      ]),
    ),
    "",
  ];
}

/** The import's store calls per order, where a run measured them, with their own run's command and date (`--only=import-calls`). */
function importCallsSection(result: BenchResults["importCalls"]): string[] {
  if (!result?.rows.length) return [];
  return [
    `**Store calls per imported order**: a ${result.lines}-line JSONL file (every 100th line invalid) delivered twice, counted on`,
    "a counting wrapper of the store's `Documents` (each `Collection` call one; a `putMany` would be one too). Before: each",
    "order through `POST /orders` with its import Idempotency-Key, as the import did (the key's claim: get, create; the",
    "order's create; its stored answer: get, put). After: the import, each order one create under the id its import key",
    "names, a replay the same create refused, and one get a file (whether its import began under per-order keys).",
    `From \`${result.command}\` (${result.startedAt.slice(0, 16).replace("T", " ")} UTC).`,
    "",
    markdownTable(IMPORT_CALLS_HEADER, result.rows.map(importCallsCells)),
    "",
  ];
}

/** The documents rows, where a run measured them: with their own run's command, date and load, since `--only=documents` measures them alone. */
function documentsSection(result: BenchResults["documents"]): string[] {
  if (!result?.rows.length) return [];
  const at = `${result.startedAt.slice(0, 16).replace("T", " ")} UTC`;
  const [before, after] = result.loadAverage.map((load) => load.toFixed(1));
  return [
    "**Portable documents against the raw SDK**: per store on its emulator (a SQLite file, DynamoDB Local, the Firestore",
    "emulator, the Cosmos DB local server), five operations through the portable `Collection<T>` and through the same calls",
    "written by hand with the store's SDK, on the same emulator and SDK client, in the store's own item layout (`$document`,",
    "`$version`, the key attributes): a get, a create of a new key, a put conditioned on the version, a page of 20 from one",
    "partition by the sort key, a putMany of 100 (SQLite: one transaction; DynamoDB: BatchWriteItem of 25, four at once;",
    "Firestore: one WriteBatch; Cosmos DB: executeBulkOperations). The bench first checks that both sides answer alike and",
    "refuse alike (a taken key, a stale version). The two sides take turns, call by call, the first side alternating by round;",
    `${result.rounds} rounds of ${result.calls} calls per operation (${result.batches} for putMany) after ${result.warmup} warm-up ` +
      `${result.warmup === 1 ? "round" : "rounds"}.`,
    "µs is the median of each round's median; the ratio is the median of the rounds' ratios, the spread their least and greatest.",
    "Where the store has a version of its own, the hand-written conditional put uses it in one call (Firestore's update",
    "time, Cosmos DB's `_etag`), while the portable put reads its `$version` first; on SQLite each portable write also",
    "appends its change row and sweeps expired documents in its transaction; every portable page reads one item more, to",
    "know whether another page follows. Cosmos DB's putMany takes a second on both sides: the SDK's bulk executor waits that",
    "long for a partial batch to fill.",
    "",
    `From \`${result.command}\` (${at}), on the shared 2-core machine while other engineers' tests ran (load average`,
    `${before} at the start, ${after} at the end): emulator latencies move a lot between rounds, and the spread shows by how much.`,
    "",
    markdownTable(
      DOCUMENTS_HEADER,
      result.rows.map((row) => documentsCells(row, "×")),
    ),
    "",
  ];
}

/** The cache rows (issue 27), where a run measured them, with their own run's command, date and load (`--only=cache` measures them alone). */
function cacheSection(result: BenchResults["cache"]): string[] {
  if (!result?.rows.length) return [];
  const at = `${result.startedAt.slice(0, 16).replace("T", " ")} UTC`;
  const [before, after] = result.loadAverage.map((load) => load.toFixed(1));
  return [
    "**A cache hit against a store read**: GET /orders/{id}'s read through the order store with the Redis cache on (Debian's",
    "`redis-server` on loopback), one order read in turn from the cache (a hit: its create put it there) and from the store",
    "(a plain get), per store on its emulator; the store's read count is checked to equal the plain reads (every hit was one).",
    `${result.rounds} rounds of ${result.calls} reads per side after ${result.warmup} warm-up ${result.warmup === 1 ? "round" : "rounds"}; µs is the median`,
    "of each round's median; the ratio (store read / cache hit) is the median of the rounds' ratios, the spread their least and greatest.",
    "Both are on loopback here: in a cloud the store is a network call away, and so is the cache (in the function's own network).",
    "",
    `From \`${result.command}\` (${at}), on the shared 2-core machine (load average ${before} at the start, ${after} at the end).`,
    "",
    markdownTable(
      ["store", "on", "cache hit µs", "store read µs", "store / hit (min–max)"],
      result.rows.map((row) => [
        row.store,
        row.on,
        Math.round(row.hitUs),
        Math.round(row.storeUs),
        `${row.ratio.toFixed(1)}× (${row.ratioMin.toFixed(1)}–${row.ratioMax.toFixed(1)})`,
      ]),
    ),
    "",
  ];
}

/** The validated route's row, where a run measured it, with its own run's command, date and load (`--only=validated-route`). */
function validatedRouteSection(result: BenchResults["validatedRoute"]): string[] {
  if (!result) return [];
  const [before, after] = result.loadAverage.map((load) => load.toFixed(1));
  return [
    "**A declared route against one checked by hand**: the generated app's `POST /notes`, its body declared as a TypeBox",
    "schema and checked by its Ajv validator before the handler (every broken rule at once), against the same route whose",
    "handler parses and checks the body by hand, both through `http()` and `handleHttp`, no store, in one process, taking",
    "turns, the first side alternating by round. One request in ten breaks three rules (a 400 with three errors); the bench",
    `first checks that both answer every request alike. ${result.rounds} rounds of ${result.requests} requests per side after ${result.warmup}`,
    "warm-up rounds. µs per request is the median of the rounds; the ratio the median of the rounds' ratios, the spread their",
    "least and greatest. The validator is compiled at the bench's start by the Ajv options `skyport build` compiles with.",
    `From \`${result.command}\` (${result.startedAt.slice(0, 16).replace("T", " ")} UTC, load average ${before} at the start, ${after} at the end).`,
    "",
    markdownTable(
      ["route", "µs per request", "declared / by hand", "spread over rounds"],
      [
        [
          "`POST /notes`, declared body schema",
          result.declaredUs.toFixed(2),
          `${result.ratio.toFixed(2)}×`,
          `${result.ratioMin.toFixed(2)}–${result.ratioMax.toFixed(2)}×`,
        ],
        ["`POST /notes`, body checked by hand", result.byHandUs.toFixed(2), "1.00×", ""],
      ],
    ),
    "",
  ];
}

/** README's Performance section, written from bench/results.json. */
export function performanceSection(r: BenchResults): string {
  const { invocation, bundles, coldStart, storeSdks, throughput } = r;
  const count = (status: TargetRow["status"]) => r.targets.filter((t) => t.status === status).length;
  const load = r.machine.loadAverage?.map((value) => value.toFixed(1));
  const repeats = invocation.repeats ?? 1;
  return [
    HEADING,
    "",
    `Figures from \`npm run bench\` (${r.startedAt.slice(0, 16).replace("T", " ")} UTC, ${r.machine.cpus} × ${r.machine.cpuModel}, Node ${r.machine.node}` +
      (load ? `, load average ${load[0]} at the start and ${load[1]} at the end` : "") +
      (r.durationSeconds ? `, ${Math.round(r.durationSeconds / 60)} minutes` : "") +
      "): compare the rows of one table with each other, not with another machine. The bench writes `bench/results.json`;",
    "`npm run readme --workspace @skyport/bench` writes this section from it.",
    "",
    `**Spread and decisions.** Every comparison is repeated: each group of handlers, and each set of consumers, in ${repeats} fresh`,
    "processes; each cold start a fresh process, Skyport's and the hand-written one in turns; the local server and the raw one",
    "in fresh server processes, loaded in turns. A figure is the median of its repeats and comes with the **bootstrap 95 %",
    "interval of that median** (2,000 draws of the repeats with replacement, seeded, so the same repeats give the same",
    "interval). A target is **met** only when its whole interval is within the limit, **missed** only when it is wholly",
    "outside, and **undecided** when it straddles the limit: a figure whose interval straddles says the machine's noise is",
    "larger than the margin, not that the target flipped. Sizes and the store-SDK checks are exact.",
    "",
    `**Per invocation**: \`POST /orders\` then \`GET /orders/{id}\` on the memory store, through each runtime adapter and through a`,
    "hand-written handler for the same event that does the same work and gives the same answers (the bench compares",
    "the answers before it measures). Each event format's handlers run interleaved in a process of their own (as one",
    "function instance serves one format), after warm-up; the memory store is emptied between rounds. Median of",
    `${invocation.rounds} rounds of ${invocation.ops} pairs in each of ${repeats} processes, µs per pair; the ratio is, per process, the median`,
    "of each round's ratio to the hand-written handler at the same log level measured in the same round, then the median",
    "over the processes with its interval.",
    "The first pair calls core directly with the request an adapter would have made, against the hand-written routes",
    "given the same parts: the gap between it and a cloud's Skyport row is that adapter's own translation.",
    "",
    'The headline is what the templates deploy: `SKYPORT_LOG_LEVEL=info`, a request line per request and an "order created"',
    "line per order, in the cloud's log shape, formatted and then dropped. The hand-written function writes the same lines",
    "with [pino](https://getpino.io) (the fastest well-kept JSON logger) and, like Skyport at every level, the same metric",
    "lines (EMF on AWS, a Cloud Logging line on Google Cloud, an invocation log line on Azure).",
    "",
    invocationTable(invocation.rows.filter((row) => row.logLevel === "info")),
    "",
    "The second view, logs at `warn` (no request lines on either side; the metric lines still written), with Middy and Hono",
    "doing the same two routes on API Gateway 2.0:",
    "",
    invocationTable(invocation.rows.filter((row) => row.logLevel === "warn")),
    "",
    ...adapterShares(r),
    "**Bundle sizes** of what deploy/ ships, KB; Skyport's own sources against third-party packages, from esbuild's metafile.",
    "Skyport's code is split into the portable layer (function model, HTTP handling, ports, config, tracing, the runtime",
    "adapter, the composition root), the order domain (core/src/orders) and the stores (memory and the cloud's).",
    "",
    markdownTable(
      ["bundle", "functions", "minified", "gzip", "Skyport's code", "= layer + domain + stores", "third-party", "largest third-party"],
      bundles.map((b) => bundleCells(b, `\`${b.file}\``)),
    ),
    "",
    ...ownCodeByFolder(r),
    `**Cold start**: a fresh \`node\` process imports the HTTP bundle and completes its first invocation (${coldStart.firstInvocation});`,
    "in-process is `performance.now()` at the answer, wall is spawn to exit. The hand-written function is bundled the same",
    `way with the same SDKs; the two alternate, run by run. Medians of ${coldStart.runs} runs, ms; the last column is the median`,
    "of the differences between each Skyport run and the hand-written run beside it, with its 95 % interval.",
    "",
    markdownTable(
      ["cloud", "store", "layer", "in-process", "wall", "Skyport − hand-written, in-process / wall"],
      coldStart.rows.map((row) => [
        row.cloud,
        row.store,
        row.layer,
        row.inProcessMs.toFixed(1),
        row.wallMs.toFixed(1),
        row.extraMs ? `${extraCell(row.extraSpread?.inProcess, row.extraMs.inProcess)} / ${extraCell(row.extraSpread?.wall, row.extraMs.wall)} ms` : "",
      ]),
    ),
    "",
    "**Store SDKs at cold start**: the code that ran by the end of the first invocation (each cloud's HTTP function, and",
    "AWS's queue and cleanup functions), from V8's coverage of a byte-identical copy of the deployed bundle with a source",
    "map. Only the configured store's SDK may run; an entry may read its store's settings at start without it.",
    "",
    markdownTable(
      ["bundle", "`SKYPORT_STORE`", "store SDKs that ran", "Skyport store files that ran", "other SDKs that ran"],
      storeSdks.map((row) => [
        `\`${row.bundle}\``,
        row.store,
        row.loaded.join(", ") || "none",
        files(row.storePackageFiles),
        row.alsoLoaded.join(", ") || "none",
      ]),
    ),
    "",
    `**Local server**: \`POST /orders\` on loopback with ${throughput.tool} ` +
      `(${throughput.connections} connections, ${throughput.secondsPerRound} s rounds, median of`,
    `${throughput.rows[0]?.rounds.length ?? 0}), against a raw \`node:http\` server doing the same work by hand on the same SQLite store`,
    "(the order committed with its outbox row, the outbox polled and emptied, each new order confirmed through an in-process",
    "queue), in the same run" +
      (throughput.ratioSpread
        ? `: ${throughput.repeats ?? 1} pairs of fresh server processes, ${throughput.rows[0]!.rounds.length / (throughput.repeats ?? 1)} rounds each; ` +
          `local / raw ${ratioCell(throughput.ratioSpread.median, throughput.ratioSpread, "×")} (median of the round pairs' ratios, 95 % interval).`
        : "."),
    "",
    markdownTable(
      ["server", "store", "requests/s", "p50 ms", "p99 ms"],
      throughput.rows.map((row) => [row.server, row.store, Math.round(row.requestsPerSecond), row.p50Ms, row.p99Ms]),
    ),
    "",
    ...changeFeedSection(r.changeFeeds),
    ...streamSection(r.streams),
    ...importSection(r.bulkImport),
    ...importCallsSection(r.importCalls),
    ...documentsSection(r.documents),
    ...secretReadSection(r.secretRead, markdownTable),
    ...cacheSection(r.cache),
    ...validatedRouteSection(r.validatedRoute),
    "**Targets**",
    "",
    markdownTable(
      ["target", "limit", "measured: median (95 % interval)", "met"],
      r.targets.map((t) => [t.target, t.limit, t.measured, { met: "yes", missed: "**no**", undecided: "*undecided*" }[t.status]]),
    ),
    "",
    `Of ${r.targets.length} targets: ${count("met")} met, ${count("missed")} missed, ${count("undecided")} undecided in this run.`,
    "",
    ...agreementSection(r),
    ...missedExplained(r.targets).flatMap((because) => [because, ""]),
  ].join("\n");
}

/** Whether this run decided every target the previous full run on this machine decided the same way. */
function agreementSection({ previousRun, targets }: BenchResults): string[] {
  if (!previousRun) return ["No earlier full run on this machine to compare with: run `npm run bench` again to see whether the decisions hold.", ""];
  const { decidedInBoth, disagreements, decidedOnce } = agreement(previousRun.targets, targets);
  const load = previousRun.loadAverage ? `, load average ${previousRun.loadAverage.map((value) => value.toFixed(1)).join(" to ")}` : "";
  const verdict =
    disagreements.length === 0
      ? "every one decided the same way"
      : `**${disagreements.length} decided otherwise**: ${disagreements.map((d) => `${d.target} (${d.previous}, now ${d.now})`).join("; ")}`;
  const when = `${previousRun.startedAt.slice(0, 16).replace("T", " ")} UTC${load}`;
  return [
    `**Against the previous full run** (${when}): ${decidedInBoth} targets decided in both runs, ${verdict}; ` +
      `${decidedOnce} decided in one run and undecided in the other.`,
    "",
  ];
}

/** Replaces README's Performance section (up to the next `## ` heading), or appends it. */
export function writeReadmeSection(results: BenchResults): void {
  const path = join(REPO, "README.md");
  const readme = readFileSync(path, "utf8");
  const section = performanceSection(results);
  const start = readme.indexOf(`\n${HEADING}\n`);
  if (start === -1) {
    writeFileSync(path, `${readme.trimEnd()}\n\n${section}`);
    return;
  }
  const next = readme.indexOf("\n## ", start + 1);
  writeFileSync(path, readme.slice(0, start + 1) + section + (next === -1 ? "" : readme.slice(next)));
}
