import type { TargetRow } from "./results.js";

/**
 * Why a target family is missed, from profiles (`node --cpu-prof` on one subject of the invocation bench;
 * `npm run profile:cold-start -w bench` on the cold-start probe) and, for sizes, esbuild's metafiles:
 * printed under the targets for each family this run missed, so that a miss is explained, not only reported.
 */
const WHY: [prefix: string, because: string][] = [
  [
    "adapter cost",
    "Adapter cost: the ratios move between runs of the same code by more than the margin to 1.3x (2026-11-27 23:13 and " +
      "2026-11-28 01:30: API Gateway 1.0 1.29x and 1.46x, functions framework 1.29x and 1.32x, API Gateway 2.0 1.27x and " +
      "1.28x). In a profile of 12,000 POST+GET pairs on API Gateway 2.0 at info, Skyport spent 1.5x the hand-written " +
      "function's CPU. The extra self time: garbage collection of the per-request objects (+109 ms of 1,908), the log line " +
      "(Skyport builds an object per line and serializes it, +100 ms; pino concatenates pre-serialized bindings), the " +
      "neutral request (fromApiGatewayV2: lower-cased headers, the body as bytes, URLSearchParams, +91 ms), tracing (the " +
      "X-Ray header to a traceparent, its parse and the span ids, ~100 ms: the hand-written function traces nothing) and " +
      "the store's retry wrapper (+38 ms). Every format shares that core path; what differs is the translation. Azure's " +
      "was 1.44x: its profile (ms per 1,000 requests) showed the header copy through the Headers iterator (13-22) and the " +
      "body read through an async iterator with a copy (9-16); read with Headers.forEach and the stream's own reader " +
      "(8-10 and no copy), it measured 1.07x on 2026-11-28. Profiled again on 2026-12-07 (`node --cpu-prof " +
      "--cpu-prof-dir=prof bench/dist/bench.mjs --invocation-group=aws-v1 --ops=400 --rounds=8 --warmup=2`, load average ~30, " +
      "where that process measured 2.26x at info and 1.48x at warn): both sides' memory store (memory-documents.ts 11.1 %, " +
      "the collection rules 2.9 %) and the test events' factory (21 %, built before the clock) lead; Skyport's own path is " +
      "spread over ten files of 0.7-1.6 % each (the routes, fromApiGatewayV1, the JSON logger, the Lambda HTTP handler, the " +
      "X-Ray trace, handleHttp, the headers, the route inputs, the body, the router), no single place to cut. API Gateway " +
      "2.0 alike, 2026-12-07 15:55 UTC (`node --cpu-prof --cpu-prof-dir=prof bench/dist/bench.mjs --invocation-group=aws-v2 " +
      "--ops=400 --rounds=8 --warmup=2`, beside a test run; that process measured 1.49x at info, GET 53 against 20 µs and " +
      "POST 124 against 90): the test events' factory (12.8 %, with the X-Ray ids' random bytes, built before the clock), " +
      "both sides' memory store (13.5 %) and Hono's fetch objects lead; the hand-written function's own code is 4.5 % (its " +
      "routes 3.1 %, pino 0.9 %), Skyport's path 12.5 % over 37 files, none over 1.4 % (the order store 1.4 and the ids 0.9, " +
      "which both sides use, the routes 1.3, handleHttp 1.1, fromApiGatewayV2 0.9, the JSON logger 0.8, the router 0.6, " +
      "the body 0.6, the X-Ray trace 0.5, the Lambda handler 0.5, the retry wrapper 0.5). The same command with " +
      "--invocation-group=gcp and =azure (15:55 UTC; those processes measured 1.35x and 1.38x at info): Skyport's path " +
      "15.9 % over 27 files and 12.1 % over 29, none over 2.0 % (on Google Cloud the routes 2.0, the JSON logger 2.0, the " +
      "order store 1.7, handleHttp 1.4; on Azure the request's translation 1.3, the order store 1.2, the JSON logger 1.1), " +
      "against the hand-written code's 7.4 % and 5.5 % (pino 1.9 % in both); garbage collection 16 % and 14 %.",
  ],
  [
    "Skyport's own code",
    "Own code per kind (esbuild metafiles; the folders of each bundle over its limit are listed under the bundle table, " +
      "from the current build): in the full run of 2026-12-07 09:16 UTC a queue, schedule, stream or changes function " +
      "carried 54-75 KB of Skyport's code against 20 KB, the HTTP function 105-108 KB against 45, Azure's one app 134 KB " +
      "against 60 (68 KB and 31-36 KB on 2026-11-28: the portable collections, the cache and the secrets came since). " +
      "aws/confirm's 55.9 KB then: the DynamoDB documents 11.4 " +
      "(adapters/dynamodb/src/documents, in the chunk loaded with the SDK) and the portable collections' query and " +
      "transaction planning, rules and memory documents 11.1 (core/src/collections), which every store builds on; core's " +
      "ports 5.2, the function model 4.2, the app's wiring 3.4 (apps/orders/src: container, events, cache), the order store " +
      "2.8; then what the composition root builds for every function though only the HTTP one uses it: the JWT identity " +
      "2.3, the HTTP problems and CORS 2.0, and on AWS the cache (2.2, a template that offers none) and the secrets (2.1, a " +
      "function that reads none). Since 2026-12-07 the composition root (apps/orders/src/container.ts) reads and builds the " +
      "identity check and the CORS policy only where the HTTP function is served; it learns that from the served functions " +
      "at start, so their code still ships in each consumer. Taking all ~8.6 KB out at build time would leave ~47 KB, " +
      "since the collections layer and a store's documents alone are over 20 KB: the limits hold only for a function that " +
      "carries no collection layer. The HTTP function adds the order domain, the generated validators, the OpenAPI " +
      "document and the HTTP layer.",
  ],
  [
    "cold start",
    "Cold start: since 2026-12-07 each Lambda and Google Cloud bundle is split, and what only some invocations load (the " +
      "store's SDK, jose with the first token, S3, Secret Manager) is a chunk read at its first import(): AWS api's index.mjs " +
      "and its static chunks are 187 KB (800 KB as one file), Google Cloud api's 195 KB (2.7 MB in all). Inversify (83 KB " +
      "with reflect-metadata) stays in what loads at start, at the composition root. On a quiet machine (2026-12-07 15:09 " +
      "UTC, load average 1.3-1.7, 20 pairs) AWS's difference was -15.8 ms (-21.5 to -8.4), Azure's -2.3 (-10.3 to +6.4), " +
      "Google Cloud's +32.0 (+15.6 to +44.1). `npm run profile:cold-start -w bench` (10 cold starts each, at the same time) " +
      "puts Google Cloud's extra CPU (+37 ms a start, 473 against 436) in garbage collection (+9.4 ms: `node --trace-gc` on " +
      "the probe shows one Mark-Compact of 6-7.5 ms in every Skyport start, when the old space passes 16 MB as the first " +
      "invocation loads Firestore's and google-gax's chunks, and none in the hand-written start, whose heap after the answer " +
      "is the same, 12.8 against 13.0 MB), node's module loading (+7.9: seven files against one), inversify " +
      "(@inversifyjs/core and container and reflect-metadata, +7.2), the container's wiring and the route table (+2.8). " +
      "Built as one file, the bundle makes no Mark-Compact but parses what the split leaves out (Redis, jose, node-fetch): " +
      "the same CPU, 0.36-0.45 s against 0.37-0.41 s split (8 starts each, /usr/bin/time). Inversify costs AWS and Azure " +
      "as much (+8.9 and +8.1 ms), which their hand-written bundles' own glue and pino offset.",
  ],
  [
    "stream consumer",
    "Stream consumers: `node --cpu-prof --cpu-prof-dir=prof bench/dist/bench.mjs --part=stream --size=500 --rounds=3 " +
      "--warmup=1` (one process, every consumer in turns; 2026-12-07, load average ~30) spends most of its CPU in what both " +
      "sides share, the memory store: core/src/collections/memory-documents.ts 22.5 % (each write's change record is a " +
      "structuredClone) and the collection rules 4.9 %; Skyport's own stream path is core/src/app/stream-processor.ts " +
      "(4.0 %: per-partition order and the checkpoint). Until 2026-12-07 the Kinesis records' base64, the Pub/Sub push " +
      "bodies and Event Hubs' host batches were built inside the timed loop and counted as the adapter's work; they are " +
      "built beforehand now. With a store this cheap the consumers' ratios move with the machine's load by more than the " +
      "margin to 0.7x (0.36-0.63x and 0.58-1.45x in two such runs under load), which the interval shows. The functions " +
      "framework takes one record per push: since 2026-12-07 a batch of one is applied without grouping by key, " +
      "Promise.all and sorting, 0.59-0.68x before and 0.77-0.81x after (3 runs each of `node bench/dist/bench.mjs " +
      '--part=stream --consumer="functions framework" --size=500 --rounds=5 --warmup=1`, load average 3-4). The local ' +
      "in-process stream keeps each record in the server's queue file until it is applied (issue 28: a put, an attempt " +
      "count and a removal in SQLite per record, in memory in the bench), which the hand-written consumer does not: profiled " +
      "alone (the same command with --consumer=local, 2026-12-07 15:51 UTC, load average 0.6) the queue file's statements " +
      "take 4.7 % of the process's CPU, the largest part of its own path; two runs of it measured 0.63x and 0.66x.",
  ],
  [
    "change feed consumer",
    "Change-feed consumers: Lambda's was 0.18x until 2026-12-07: a profile of its changes function alone (`node --cpu-prof " +
      "--cpu-prof-dir=prof bench/dist/bench.mjs --part=change-feed --consumer=Lambda --size=2000 --rounds=3 --warmup=1`, after " +
      "`node bench/build.mjs`) put a quarter of its time in turning each stream image's sets into arrays by a JSON round trip; " +
      "a walk over unmarshall's value does it now, and the full run after it measured 0.41x. What is left of Lambda's own " +
      "path in that profile: util-dynamodb's unmarshall of the Keys and the NewImage (21 %; the hand-written consumer " +
      "unmarshalls the image once and trusts it), the stream record's translation (17 %), the change router's per-document " +
      "grouping and span (9 % and 3 %), the document read out of $document (6 %). Every consumer also runs the change through " +
      "the collection's declaration (its key, version and previous value) and a span of its own, which the hand-written one " +
      'skips. The same command with --consumer="functions framework", =Azure and =local (2026-12-07) finds no hot spot in the ' +
      "other three: outside the untimed workload and start-up, no function of theirs takes over 6 % (the $document read 3 %, " +
      "the Firestore event's protobuf decode 2 %, the Cosmos DB document's translation 6 %); the local poller's largest is the " +
      "memory feed's pending(), which filters the whole change log on each poll (6 %). The gap is a fixed cost per change, " +
      "spread over the router, the span and the logger, against a consumer that publishes from the image and nothing else. " +
      "A change handed on alone (each Firestore event) skips the grouping by document since 2026-12-07: the functions " +
      "framework's consumer went from 0.12-0.19x to 0.20-0.23x (3 runs each, --size=2000 --rounds=5).",
  ],
  [
    "local server",
    "Local server: `npm run profile:local -w bench` profiles each server alone under the bench's load (10 connections, POST " +
      "/orders, SQLite, 3 runs of 5 s), counting only the samples taken while the load ran. Run twice on 2026-12-07 (15:21 " +
      "and 15:25 UTC, load average 4.5 and 1.8, other work beside it): neither server waits on the load generator, both were " +
      "idle 2-3 % of the time (10-12 % with 1 connection). Skyport spends more per request: 0.92 and 0.74 ms of busy samples " +
      "against 0.75 and 0.55 (0.87 and 0.78 ms of CPU in /proc against 0.63 and 0.56), and answered 0.82x and 0.75x the raw " +
      "server's requests/s. The largest difference is the local server's queue file, new on 2026-12-07 (issue 28), after " +
      "the profiles of 2026-11-28 that found the same CPU per request on both sides: adapters/local/src/queue-file.ts " +
      "writes each confirmation message to SQLite, then its delivery's attempt, then its removal (+74 and +68 µs a request " +
      "of self time; the raw server confirms from a timer and keeps nothing), with better-sqlite3's transactions (+34 and " +
      "+43 µs) and the order rows (+16 and +30 µs); the framework's routers, HTTP translation and body parsing add 3-8 µs " +
      "each, against 16-27 µs of the raw server's hand-written code. The queue file made a transaction function per " +
      "enqueue (8.4 µs against 2.3 µs made once, in a separate test); it makes each once since.",
  ],
];

/** The explanation of each target family with a target missed or undecided in this run. */
export function missedExplained(targets: TargetRow[]): string[] {
  return WHY.filter(([prefix]) => targets.some((t) => t.status !== "met" && t.target.startsWith(prefix))).map(([, because]) => because);
}
