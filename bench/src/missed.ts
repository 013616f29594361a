import type { TargetRow } from "./results.js";

/**
 * Why a target family is missed, from the CPU profiles taken on 2026-11-27 (`node --cpu-prof` on one
 * subject of the invocation bench, and on the cold-start probe): printed under the targets for each
 * family this run missed, so that a miss is explained, not only reported.
 */
const WHY: [prefix: string, because: string][] = [
  [
    "adapter cost",
    "Adapter cost: in a profile of 12,000 POST+GET pairs on API Gateway 2.0 at info, Skyport spent 1.5x the hand-written " +
      "function's CPU. The extra self time: garbage collection of the per-request objects (+109 ms of 1,908), the log line " +
      "(Skyport builds an object per line and serializes it, +100 ms; pino concatenates pre-serialized bindings), the " +
      "neutral request (fromApiGatewayV2: lower-cased headers, the body as bytes, URLSearchParams, +91 ms), tracing (the " +
      "X-Ray header to a traceparent, its parse and the span ids, ~100 ms: the hand-written function traces nothing) and " +
      "the store's retry wrapper (+38 ms). Merging log fields by spreading had cost ~40 µs per request; it is gone.",
  ],
  [
    "Skyport's own code",
    "Own code per bundle (esbuild metafiles, 2026-11-27): each Lambda bundle carries only its own function's handlers and " +
      "its own kind's event translation (88-89 KB each before; now confirm 33.2 KB, cleanup 30.8, outbox 33.5, ship 35.8, " +
      "import 54.7, api 68.4). The confirm bundle's 33.2 KB: what every function's wiring builds, used or not (14.2 KB: the " +
      "services' container, the JWT identity, the logger, the configuration readers, the retrying stores, trace spans), the " +
      "store code (the DynamoDB adapter 7.9 KB, imported on first use but inside the file, and the memory store 2.4 KB), " +
      "core's function layer (the declaration checks, the queue router, problems; 4.9 KB) and its SQS translation (2.6 KB). " +
      "The api bundle adds the order domain (10.8 KB), the generated body validators (10.5 KB), the OpenAPI document (7.9 KB) " +
      "and the HTTP layer (7.4 KB); the import adds the CSV/JSONL import (7.7 KB) and the validators. Google Cloud now deploys " +
      "a bundle per function too (109 KB for all six before; now cleanup 34.3, confirm 36.4, ship 38.0, outbox 49.2 with the " +
      "Firestore change event's generated protobuf decoder, 12.0 KB, import 56.9, api 69.4); Azure still deploys one bundle " +
      "for all six functions (87.7 KB, main.mjs and its chunks). Meeting 15 KB needs per-function services (a wiring " +
      "that builds only what the served function uses) and the store in a chunk of its own, not a smaller core.",
  ],
  [
    "cold start",
    "Cold start: the hand-written functions publish nothing since 2026-11-27 evening, as Skyport's api (the outbox does): " +
      "no SQS, Pub/Sub or Storage queue client in them any more, so the baselines got faster. Against them, on this VM, two " +
      "runs of 15 paired probes each gave AWS +9 to +11 ms and Google Cloud -1 to +22 ms (its api now loads its own 2.4 MB " +
      "bundle, not the 4.7 MB one of all six functions); a third run, after Azure's split, AWS +11 and Google Cloud +11 ms: " +
      "the spread between runs (~20 ms) is as large as the differences. The AWS api bundle carries what the hand-written one does not: jose (60 KB, the JWT " +
      "check) and inversify. Azure deploys one app for all functions: as one 1.6 MB file (six functions, @azure/storage-blob " +
      "for the object function, jose, inversify) it took 252 ms to compile in the probe's profile against 95 ms for the " +
      "hand-written 1.1 MB. Since 2026-11-27 late it is split (esbuild code splitting, the whole folder zipped): main.mjs " +
      "(178 KB) and a chunk for each lazily imported SDK (Cosmos DB, Blob and Queue Storage, identity and MSAL, jose), loaded " +
      "at first use. Two runs of 15 paired probes of the Azure api alone gave +68 and +69 ms before the split and -11 and " +
      "-14 ms after (median in-process 309-329 ms before, 236 ms after). One lazily built credential serves every client.",
  ],
  [
    "local server",
    "Local server: in a profile of the Skyport server under the same load (10 connections, POST /orders, SQLite) the " +
      "server process was idle 64% of the time; the SQLite statements took 18% and Skyport's own code about 3%. The " +
      "load generator shares the two cores with both servers, so the ratio moves with the machine's load more than " +
      "with either server (the quiet run of 2026-11-27 04:11 measured 0.89).",
  ],
];

export function missedExplained(targets: TargetRow[]): string[] {
  return WHY.filter(([prefix]) => targets.some((t) => !t.met && t.target.startsWith(prefix))).map(([, because]) => because);
}
