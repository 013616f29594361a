import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { SeededRandom } from "../../../../scripts/faults/seeded-random.js";
import { bundleFile, type AwsFunction } from "./bundles.js";
import { runFunction, type RunningFunction } from "./lambda-process.js";

/** The work a batch holds when it is handed to the function, and how much of it is done now (read back from the stand-ins). */
export interface BatchProgress {
  toDo: number;
  done(): Promise<number>;
}

/** One SIGKILL of the function's process, and where in its batch it came. */
export interface BatchKill {
  records: number;
  toDo: number;
  /** How much of the batch's work was done when the process died. */
  doneBefore: number;
  /** Whether the function had answered (held back from Lambda unless `afterAnswer`). */
  answered: boolean;
  /** Lambda took the answer, then the execution environment was reaped, as it may be at any time between invocations. */
  afterAnswer: boolean;
}

export interface BatchKillsOptions<E> {
  fn: AwsFunction;
  env: Record<string, string>;
  /** A folder holding the function's index.mjs, instead of the build's (a build with a rule taken out, say). */
  codeDir?: string;
  random: SeededRandom;
  progress(event: E): Promise<BatchProgress>;
}

/** One kill in three (of those not forced at the shard's end) comes after Lambda took the answer; the others while the function holds the batch. */
const AFTER_ANSWER = 1 / 3;

/**
 * A Lambda function's execution environment (the built bundle under aws-lambda-ric) as a stream
 * mapping invokes it, SIGKILLed at seeded points of its batches: while it works, after none, some
 * or all of the batch's work is done (its answer held back: Lambda sees the runtime exit), or just
 * after Lambda took its answer. The next invocation starts a new environment, cold. A round's kills
 * are spread over its batches and all made by its end: the batch that reaches the shard's end is
 * killed, holding its answer, while kills remain.
 */
export function batchKills<E extends { Records: unknown[] }, A>(options: BatchKillsOptions<E>) {
  const { random } = options;
  // The code package the campaign deployed: a copy, so that a build of dist/ while it runs (another test's) changes nothing under it.
  const packageDir = mkdtempSync(join(tmpdir(), `skyport-${options.fn}-`));
  cpSync(options.codeDir ?? dirname(bundleFile(options.fn, "index.mjs")), packageDir, { recursive: true });
  let running: RunningFunction | undefined;
  let budget = 0;
  let kills: BatchKill[] = [];
  /** Why an execution environment did not start: the harness failed, not the function; a test expects none. */
  const startFailures: string[] = [];

  return {
    startFailures,
    /** Starts a round that makes `count` kills; returns the kills as they are made. */
    round(count: number): BatchKill[] {
      budget = count;
      kills = [];
      return kills;
    },
    async invoke(event: E, last: boolean): Promise<A> {
      running ??= await runFunction(options.fn, options.env, packageDir).catch((error: unknown) => {
        startFailures.push(String(error));
        throw error;
      });
      const fn = running;
      const killing = kills.length < budget && (last || random.chance(0.5));
      // Not the batch at the shard's end: Lambda would take its answer and the round end short of its kills.
      const afterAnswer = killing && !last && random.chance(AFTER_ANSWER);
      fn.api.holdAnswers = killing && !afterAnswer;
      const answersBefore = fn.api.answers;
      const progress = killing ? await options.progress(event) : undefined;
      const answer = fn.api.invoke(event) as Promise<A>;
      if (!progress) return answer;
      // It fails when the process dies, before the mapping awaits it: handled there, not unhandled here.
      answer.catch(() => {});
      if (afterAnswer) await answer;
      const target = random.int(0, progress.toDo);
      while (fn.api.answers === answersBefore && (await progress.done()) < target) await new Promise((resolve) => setTimeout(resolve, 5));
      await fn.kill();
      running = undefined;
      kills.push({
        records: event.Records.length,
        toDo: progress.toDo,
        doneBefore: await progress.done(),
        answered: fn.api.answers > answersBefore,
        afterAnswer,
      });
      return answer;
    },
    async stop() {
      await running?.process.stop();
      await running?.api.close();
      rmSync(packageDir, { recursive: true, force: true });
    },
  };
}
