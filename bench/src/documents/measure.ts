import { deepStrictEqual } from "node:assert/strict";
import { performance } from "node:perf_hooks";
import { BATCH, benchDocument, type DocumentSide, idOf, PAGE, QUERIED, type StorePair } from "./workload.js";

/** The names say the sizes: PAGE and BATCH. */
export const OPERATIONS = ["get", "create", "conditional put", "query page of 20", "putMany of 100"] as const;
export type DocumentOperation = (typeof OPERATIONS)[number];

export interface DocumentCounts {
  /** Rounds measured; each gives one ratio per operation. */
  rounds: number;
  /** Calls of each side per operation and round (putMany: `batches`). */
  calls: number;
  batches: number;
  /** Rounds run first and not counted. */
  warmup: number;
}

/** One operation on one store: each side's median latency, and the ratio portable/raw over the rounds. */
export interface DocumentsRow {
  store: string;
  on: string;
  operation: DocumentOperation;
  /** Median over the rounds of each round's median, µs per call. */
  portableUs: number;
  rawUs: number;
  /** Median of the rounds' ratios (portable median / raw median of the same round), and their least and greatest. */
  ratio: number;
  ratioMin: number;
  ratioMax: number;
  rounds: { portableUs: number; rawUs: number }[];
}

/** `npm run bench`'s documents rows, with the run they come from (`--only=documents` measures them alone). */
export interface DocumentsResult extends DocumentCounts {
  command: string;
  startedAt: string;
  /** The machine's 1-minute load average when the run began and when it ended: the machine is shared. */
  loadAverage: [number, number];
  rows: DocumentsRow[];
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** What one side holds between calls: the put document's version, and counters for fresh keys and values. */
interface SideState {
  label: string;
  version: unknown;
  calls: number;
}

const refused = async (what: string, call: Promise<unknown>) => {
  if (
    await call.then(
      () => true,
      () => false,
    )
  )
    throw new Error(`documents bench: ${what} was not refused`);
};

/** Seeds each side alike, then checks they answer alike and refuse alike: no speed for a baseline that does less. */
async function prepare(pair: StorePair): Promise<SideState[]> {
  const states: SideState[] = [];
  for (const [label, side] of [
    ["portable", pair.portable],
    ["raw", pair.raw],
  ] as const) {
    const what = `${pair.store} ${label}`;
    await side.putMany(Array.from({ length: QUERIED }, (_, i) => benchDocument("q", idOf(i), i)));
    await side.create(benchDocument("g", idOf(0), 0));
    const first = await side.create(benchDocument("p", idOf(0), 0));
    const second = await side.put(benchDocument("p", idOf(0), 1), first);
    deepStrictEqual(await side.get("g", idOf(0)), benchDocument("g", idOf(0), 0), `${what}: get`);
    deepStrictEqual(await side.get("p", idOf(0)), benchDocument("p", idOf(0), 1), `${what}: get after a conditional put`);
    const page = (await side.queryPage("q")).map((document) => document.id);
    deepStrictEqual(
      page,
      Array.from({ length: PAGE }, (_, i) => idOf(i)),
      `${what}: query page`,
    );
    await refused(`${what}: a create of a taken key`, side.create(benchDocument("g", idOf(0), 1)));
    await refused(`${what}: a put at a stale version`, side.put(benchDocument("p", idOf(0), 2), first));
    states.push({ label, version: second, calls: 0 });
  }
  return states;
}

const RUN: Record<DocumentOperation, (side: DocumentSide, state: SideState) => Promise<unknown>> = {
  get: (side) => side.get("g", idOf(0)),
  create: (side, state) => side.create(benchDocument("c", `${state.label}-${idOf(state.calls++)}`, state.calls)),
  "conditional put": async (side, state) => {
    state.version = await side.put(benchDocument("p", idOf(0), state.calls++), state.version);
  },
  "query page of 20": (side) => side.queryPage("q"),
  "putMany of 100": (side, state) => {
    const n = state.calls++;
    return side.putMany(Array.from({ length: BATCH }, (_, i) => benchDocument("m", idOf(i), n + i)));
  },
};

/**
 * The five operations on one store, each side called in turn (portable, raw, portable, ... in even
 * rounds, raw first in odd ones), so that both meet the same moments of a loaded machine.
 */
export async function measurePair(pair: StorePair, counts: DocumentCounts): Promise<DocumentsRow[]> {
  const sides = [pair.portable, pair.raw];
  const states = await prepare(pair);
  const perRound = new Map<DocumentOperation, { portableUs: number; rawUs: number }[]>(OPERATIONS.map((operation) => [operation, []]));
  for (let round = -counts.warmup; round < counts.rounds; round++) {
    for (const operation of OPERATIONS) {
      const samples: number[][] = [[], []];
      const order = Math.abs(round) % 2 === 0 ? [0, 1] : [1, 0];
      const calls = operation.startsWith("putMany") ? counts.batches : counts.calls;
      for (let call = 0; call < calls; call++) {
        for (const s of order) {
          const started = performance.now();
          await RUN[operation](sides[s]!, states[s]!);
          samples[s]!.push((performance.now() - started) * 1000);
        }
      }
      if (round >= 0) perRound.get(operation)!.push({ portableUs: median(samples[0]!), rawUs: median(samples[1]!) });
    }
  }
  return OPERATIONS.map((operation) => {
    const rounds = perRound.get(operation)!;
    const ratios = rounds.map((r) => r.portableUs / r.rawUs);
    return {
      store: pair.store,
      on: pair.on,
      operation,
      portableUs: median(rounds.map((r) => r.portableUs)),
      rawUs: median(rounds.map((r) => r.rawUs)),
      ratio: median(ratios),
      ratioMin: Math.min(...ratios),
      ratioMax: Math.max(...ratios),
      rounds,
    };
  });
}
