import type { InvocationResult, InvocationRow } from "../results.js";
import { awsSubjects } from "./aws-subjects.js";
import { azureSubjects } from "./azure-subjects.js";
import { gcpSubjects } from "./gcp-subjects.js";
import { neutralSubjects } from "./neutral-subjects.js";
import { measureRounds, median, type RoundsOptions } from "./measure.js";
import { checkParity } from "./parity.js";
import type { Subject } from "./subject.js";

const handWrittenFor = (subjects: Subject[], subject: Subject) =>
  subjects.find((s) => s.layer === "hand-written" && s.cloud === subject.cloud && s.event === subject.event);

/** Per-invocation cost of every adapter against the hand-written handler for the same event. */
export async function measureInvocations(options: RoundsOptions): Promise<InvocationResult> {
  const subjects = [...neutralSubjects(), ...awsSubjects(), ...azureSubjects(), ...gcpSubjects()];
  for (const subject of subjects) {
    const reference = handWrittenFor(subjects, subject);
    if (!reference) throw new Error(`no hand-written handler for ${subject.event}`);
    if (subject !== reference) await checkParity(reference, subject);
  }
  const timings = await measureRounds(subjects, options);
  const rows: InvocationRow[] = timings.map(({ subject, rounds, postNs, getNs }) => ({
    cloud: subject.cloud,
    event: subject.event,
    layer: subject.layer,
    ...(subject.note ? { note: subject.note } : {}),
    nsPerOp: median(rounds),
    postNs: median(postNs),
    getNs: median(getNs),
    rounds,
  }));
  // Each round's figure over the hand-written one of the same round, then the median: a burst of
  // load from outside that slows one round slows both sides of its ratio.
  for (const row of rows) {
    const reference = rows.find((r) => r.layer === "hand-written" && r.cloud === row.cloud && r.event === row.event)!;
    row.ratio = median(row.rounds.map((ns, round) => ns / reference.rounds[round]!));
  }
  return { ...options, rows };
}
