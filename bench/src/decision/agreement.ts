import { existsSync, readFileSync } from "node:fs";
import type { BenchResults, TargetRow } from "../results.js";

/** The run a full bench compares itself with: the previous full run's decisions on the same machine. */
export interface PreviousRun {
  startedAt: string;
  loadAverage?: [number, number];
  targets: Pick<TargetRow, "target" | "status">[];
}

/** How two full runs' decisions compare: a target decided in both must be decided the same way (issue 29). */
export interface Agreement {
  /** Targets met or missed in both runs. */
  decidedInBoth: number;
  /** Targets met in one run and missed in the other: none, or the runs disagree. */
  disagreements: { target: string; previous: TargetRow["status"]; now: TargetRow["status"] }[];
  /** Targets decided in one run and undecided in the other (not a disagreement: the noise straddled the limit once). */
  decidedOnce: number;
  /** Targets only one of the runs measured. */
  unmatched: string[];
}

const decided = (status: TargetRow["status"]) => status !== "undecided";

/** Compares this run's decisions with the previous run's, target by target (by name). */
export function agreement(previous: PreviousRun["targets"], now: PreviousRun["targets"]): Agreement {
  const before = new Map(previous.map((row) => [row.target, row.status]));
  const names = new Set(now.map((row) => row.target));
  const result: Agreement = {
    decidedInBoth: 0,
    disagreements: [],
    decidedOnce: 0,
    unmatched: previous.filter((row) => !names.has(row.target)).map((row) => row.target),
  };
  for (const { target, status } of now) {
    const was = before.get(target);
    if (was === undefined) result.unmatched.push(target);
    else if (decided(was) && decided(status)) {
      result.decidedInBoth += 1;
      if (was !== status) result.disagreements.push({ target, previous: was, now: status });
    } else if (decided(was) || decided(status)) result.decidedOnce += 1;
  }
  return result;
}

/**
 * The last full run in `path` (bench/results.json, before this run overwrites it) as this run's previous run, where it
 * ran on the same kind of machine; a quick run is not one to agree with.
 */
export function previousRunIn(path: string, machine: BenchResults["machine"]): { previousRun?: PreviousRun } {
  if (!existsSync(path)) return {};
  const last = JSON.parse(readFileSync(path, "utf8")) as BenchResults;
  if (last.quick || last.machine.cpus !== machine.cpus || last.machine.cpuModel !== machine.cpuModel) return {};
  const targets = last.targets.map(({ target, status }) => ({ target, status }));
  return { previousRun: { startedAt: last.startedAt, ...(last.machine.loadAverage && { loadAverage: last.machine.loadAverage }), targets } };
}
