import { subjectName, type Subject } from "./subject.js";
import { emptyEveryStore } from "./round-stores.js";
import { createdId } from "./workload.js";

export interface RoundsOptions {
  /** POST + GET pairs per subject per round. */
  ops: number;
  rounds: number;
  /** Rounds run first and thrown away, so that every handler is compiled and warm. */
  warmup: number;
}

export interface SubjectTimings {
  subject: Subject;
  /** ns per POST /orders + GET /orders/{id}, one figure per measured round. */
  rounds: number[];
  postNs: number[];
  getNs: number[];
}

async function timed<E, R>(subject: Subject<E, R>, events: E[]): Promise<{ ns: number; results: R[] }> {
  const results = new Array<R>(events.length);
  const started = process.hrtime.bigint();
  for (let i = 0; i < events.length; i++) results[i] = await subject.invoke(events[i]!);
  const ns = Number(process.hrtime.bigint() - started);
  return { ns, results };
}

function expectStatus<R>(subject: Subject<unknown, R>, results: R[], status: number) {
  for (const result of results) {
    const answer = subject.answer(result);
    if (answer.status !== status) throw new Error(`${subjectName(subject)} answered ${answer.status} instead of ${status}: ${answer.body}`);
  }
}

/** One batch: `ops` POSTs, then a GET of each order created; events are built off the clock. */
async function batch(subject: Subject, ops: number) {
  const post = await timed(subject, await subject.posts(ops));
  expectStatus(subject, post.results, 201);
  const ids = post.results.map((result) => createdId(subject.answer(result).headers.location));
  const get = await timed(subject, await subject.gets(ids));
  expectStatus(subject, get.results, 200);
  return { postNs: post.ns / ops, getNs: get.ns / ops };
}

/**
 * Every subject, interleaved in one process: each round runs all of them, in an order rotated
 * from round to round, so that drift (heap growth, CPU frequency, a noisy neighbour) falls on
 * all alike.
 */
export async function measureRounds(subjects: Subject[], options: RoundsOptions): Promise<SubjectTimings[]> {
  const timings = subjects.map((subject) => ({ subject, rounds: [] as number[], postNs: [] as number[], getNs: [] as number[] }));
  for (let round = 0; round < options.warmup + options.rounds; round++) {
    emptyEveryStore();
    for (let k = 0; k < timings.length; k++) {
      const timing = timings[(k + round) % timings.length]!;
      const { postNs, getNs } = await batch(timing.subject, options.ops);
      if (round < options.warmup) continue;
      timing.rounds.push(postNs + getNs);
      timing.postNs.push(postNs);
      timing.getNs.push(getNs);
    }
  }
  return timings;
}

export { median } from "../decision/interval.js";
