import { inFreshProcess } from "../decision/fresh-process.js";
import { spreadOf } from "../decision/interval.js";
import type { InvocationResult, InvocationRow } from "../results.js";
import { awsSubjects } from "./aws-subjects.js";
import { azureSubjects } from "./azure-subjects.js";
import { gcpSubjects } from "./gcp-subjects.js";
import { measureRounds, median, type RoundsOptions } from "./measure.js";
import { neutralSubjects } from "./neutral-subjects.js";
import { checkParity } from "./parity.js";
import type { Subject } from "./subject.js";

/**
 * The handlers compared with each other, one group per event format. Each group runs in a process
 * of its own, as one function instance serves one format: in a shared process the other
 * adapters' objects would make Skyport's shared core code see shapes it never sees in the cloud.
 */
const GROUPS: Record<string, () => Subject[]> = {
  core: neutralSubjects,
  "aws-v2": () => awsSubjects().filter((s) => s.event.endsWith("2.0")),
  "aws-v1": () => awsSubjects().filter((s) => s.event.endsWith("1.0")),
  azure: azureSubjects,
  gcp: gcpSubjects,
};

export const GROUP_FLAG = "--invocation-group=";

/** One group, in this process: answers compared first, then rounds of every handler, interleaved. */
export async function measureGroup(group: string, options: RoundsOptions): Promise<InvocationRow[]> {
  const subjects = GROUPS[group]!();
  // Each subject is held to the hand-written function of its event format at its own log level.
  const referenceOf = (subject: Subject) => subjects.find((s) => s.layer === "hand-written" && s.event === subject.event && s.logLevel === subject.logLevel)!;
  for (const subject of subjects) if (subject !== referenceOf(subject)) await checkParity(referenceOf(subject), subject);
  const timings = await measureRounds(subjects, options);
  return timings.map(({ subject, rounds, postNs, getNs }) => {
    const referenceRounds = timings.find((t) => t.subject === referenceOf(subject))!.rounds;
    return {
      cloud: subject.cloud,
      event: subject.event,
      layer: subject.layer,
      logLevel: subject.logLevel,
      ...(subject.note ? { note: subject.note } : {}),
      nsPerOp: median(rounds),
      postNs: median(postNs),
      getNs: median(getNs),
      rounds,
      // Each round over the hand-written handler's in the same round, then the median: a burst of
      // load from outside that slows one round slows both sides of its ratio.
      ratio: median(rounds.map((ns, round) => ns / referenceRounds[round]!)),
    };
  });
}

/** The rows of `repeats` fresh processes of one group, merged: medians over the processes, each ratio with its spread over them. */
function mergedRepeats(repeats: InvocationRow[][]): InvocationRow[] {
  return repeats[0]!.map((row, i) => {
    const same = repeats.map((rows) => rows[i]!);
    const of = (key: "nsPerOp" | "postNs" | "getNs" | "ratio") => median(same.map((r) => r[key]!));
    return {
      ...row,
      nsPerOp: of("nsPerOp"),
      postNs: of("postNs"),
      getNs: of("getNs"),
      rounds: same.flatMap((r) => r.rounds),
      ratio: of("ratio"),
      ratioSpread: spreadOf(same.map((r) => r.ratio!)),
    };
  });
}

/**
 * Per-invocation cost of every adapter against the hand-written handler for the same event: each group in `repeats`
 * fresh processes, the groups taking turns (a stretch of load from outside falls on every group alike).
 */
export async function measureInvocations(options: RoundsOptions, repeats: number): Promise<InvocationResult> {
  const byGroup = new Map(Object.keys(GROUPS).map((group) => [group, [] as InvocationRow[][]]));
  for (let repeat = 0; repeat < repeats; repeat++) {
    for (const [group, runs] of byGroup) {
      const args = [`${GROUP_FLAG}${group}`, `--ops=${options.ops}`, `--rounds=${options.rounds}`, `--warmup=${options.warmup}`];
      runs.push(await inFreshProcess<InvocationRow[]>(args, `invocation group ${group}`));
    }
  }
  return { ...options, repeats, rows: [...byGroup.values()].flatMap(mergedRepeats) };
}
