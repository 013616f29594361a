import type { AnyAppFunction, App } from "@skyport/core";
import { cloudSchedulerSchedule } from "@skyport/gcp-functions/schedule";
import { firestoreIndexProblems, type FirestoreIndexes } from "./firestore-indexes.js";
import { orderedPushProblems } from "./ordered-push.js";
import { gcloudSecretProblems } from "./secret-grants.js";

/** Each kind's trigger flag on `gcloud functions deploy` (a schedule is an HTTP function its job calls). */
const TRIGGER_FLAG: Record<AnyAppFunction<unknown>["trigger"]["kind"], RegExp> = {
  http: /--trigger-http\b/,
  queue: /--trigger-topic[= ]/,
  schedule: /--trigger-http\b/,
  stream: /--trigger-http\b/,
  object: /--trigger-event-filters[= ]"?type=google\.cloud\.storage\.object\.v1\.finalized\b/,
  changes: /--trigger-event-filters[= ]"?type=google\.cloud\.firestore\.document\.v1\.(created|written)\b/,
};

/**
 * What a gcloud deploy script gets wrong about an app: a declared function that no
 * `gcloud functions deploy ... --entry-point=<name>` deploys, an entry point the app does not
 * declare, a function deployed from a folder other than its own bundle's, a trigger of another kind, no Cloud
 * Scheduler job on the declared schedule, or Firestore indexes other than the app's collections need
 * (firestore-indexes.ts; `firestoreIndexes`: the firestore.indexes.json the script deploys, if it reads one), or
 * secret grants other than the secrets each function reads (secret-grants.ts).
 */
export function gcloudProblems(app: App<never>, script: string, firestoreIndexes?: FirestoreIndexes): string[] {
  const commands = script.replace(/\\\n/g, " ").split("\n");
  const deploys = new Map<string, string>();
  for (const command of commands.filter((line) => /gcloud functions deploy\b/.test(line))) {
    const entry = /--entry-point[= ]"?([A-Za-z0-9_]+)/.exec(command)?.[1];
    if (entry) deploys.set(entry, command);
  }
  const problems: string[] = [];
  for (const entry of deploys.keys()) {
    if (!(entry in app.functions)) problems.push(`the script deploys --entry-point=${entry}, which app ${app.name} does not declare`);
  }
  const jobSchedules = commands
    .flatMap((line) => [...line.matchAll(/--schedule="?([^"\s]+(?: [^"\s]+){0,4})"?/g)].map((m) => m[1]!))
    .map((value) => (value.startsWith("$") ? variableDefault(script, value.replace(/^\$\{?|\}$/g, "")) : value));
  for (const [name, fn] of Object.entries<AnyAppFunction<never>>(app.functions)) {
    const command = deploys.get(name);
    if (!command) {
      problems.push(`function ${name} (${fn.trigger.kind}) is not deployed: no gcloud functions deploy --entry-point=${name}`);
      continue;
    }
    // Each function's own bundle (skyport build's dist/gcp/<name>) registers it alone: any other folder lacks it.
    const source = /--source[= ]"?([^"\s]+)/.exec(command)?.[1];
    if (!source?.replace(/\/$/, "").endsWith(`/${name}`))
      problems.push(`function ${name} is deployed from --source=${source ?? "(none)"}, not its own bundle .../gcp/${name}`);
    if (!TRIGGER_FLAG[fn.trigger.kind].test(command))
      problems.push(`function ${name} is deployed without the ${fn.trigger.kind} trigger (${TRIGGER_FLAG[fn.trigger.kind].source})`);
    if (fn.trigger.kind === "stream") problems.push(...orderedPushProblems(name, command, script));
    if (fn.trigger.kind === "schedule") {
      const wanted = cloudSchedulerSchedule(fn.trigger.schedule);
      if (!jobSchedules.includes(wanted))
        problems.push(
          `function ${name}: no Cloud Scheduler job runs "${wanted}" ("${fn.trigger.expression}"); ` +
            `the script's jobs run ${jobSchedules.join(", ") || "nothing"}`,
        );
    }
  }
  problems.push(...firestoreIndexProblems(app, script, firestoreIndexes));
  problems.push(...gcloudSecretProblems(app, script));
  return problems;
}

/** The value a script gives a variable before any option can change it: `NAME="..."`. */
function variableDefault(script: string, name: string): string {
  return new RegExp(`^${name}="([^"]*)"`, "m").exec(script)?.[1] ?? `$${name}`;
}
