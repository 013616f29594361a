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
      "(8-10 and no copy), it measured 1.07x on 2026-11-28.",
  ],
  [
    "Skyport's own code",
    "Own code per bundle (esbuild metafiles): each Lambda and Google Cloud bundle carries only its own function's handlers " +
      "and its own kind's event translation (88-109 KB before). The smallest, aws/cleanup at 30.8 KB, is: the DynamoDB " +
      "store 7.9 KB and the memory store 2.4 (the store SDK is loaded on first use, but the adapter is in the file), core's " +
      "ports (retry, ids, keyset cursor, errors) 4.3, the app's wiring (container, events, entry) 2.9, the JWT identity and " +
      "CORS policy 2.9 (built for every function, used by the HTTP one only), the function model 2.8, the Lambda " +
      "translation 2.0, logging, tracing and metrics 1.7, configuration 1.6, problems 1.3, the cleanup itself 0.7. A " +
      "wiring that builds only what the served function uses would drop the identity, CORS and, for a cloud function, " +
      "the memory store (5.3 KB): 25.5 KB, still over, since a function that carries its store adapter and the function " +
      "layer cannot fit 15 KB. The api bundle adds the order domain, the generated body validators, the OpenAPI document " +
      "and the HTTP layer (68.4 KB); the import adds the CSV/JSONL import; Google Cloud's outbox the Firestore change " +
      "event's generated protobuf decoder (12.0 KB). Azure deploys one app for all six functions (87.9 KB with its chunks).",
  ],
  [
    "cold start",
    "Cold start: `npm run profile:cold-start -w bench` (12 cold starts of each, 2026-11-28 01:35, quiet machine) puts the " +
      "AWS api's extra CPU at +12.3 ms per cold start (297.8 against 285.5 ms, sampling at 100 µs inflates both): node's " +
      "module loading +14.2 ms (the bundle is 777 KB against 620 KB: inversify 85 KB, jose 62 KB, OpenTelemetry's API " +
      "9 KB, whose code is parsed though jose loads only with the first token), inversify's own code 6.6 ms " +
      "(@inversifyjs/core 3.9, container 1.7, reflect-metadata 1.0: the container is built and resolved on the first " +
      "invocation), garbage collection +3.2, the log line and the wiring 3.5; against that the hand-written function " +
      "spends 10.4 ms more in esbuild's module glue of its SDK and 2.8 ms in pino. Inversify alone is more than the 5 ms " +
      "allowed, and the target counts it. Google Cloud (-31 ms) and Azure (-30 ms) met it in the same run. Between runs " +
      "the AWS figures move by ~8 ms: in-process +11.2 and +3.3 ms, wall +14.6 and +8.3 ms (2026-11-27 23:13, 2026-11-28 01:30).",
  ],
  [
    "local server",
    "Local server: in profiles of each server under the same load (10 connections, POST /orders, SQLite, 5 s, each alone, " +
      "2026-11-28) both spent the same CPU per request (0.59 and 0.60 ms, most of it in SQLite's statements) and were idle " +
      "a third of the time: the load generator, which shares the two cores, sets the pace, so the ratio moves with the " +
      "machine's load (0.63-0.98 over two days, 0.98 on 2026-11-28 with the baseline draining its outbox too).",
  ],
];

/** The explanation of each target family with a target missed or undecided in this run. */
export function missedExplained(targets: TargetRow[]): string[] {
  return WHY.filter(([prefix]) => targets.some((t) => t.status !== "met" && t.target.startsWith(prefix))).map(([, because]) => because);
}
