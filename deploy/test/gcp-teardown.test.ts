import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEPLOY_SCRIPT, dryRun, recordCommands } from "../gcp/verify/dry-run.js";
import { parseWithGcloud, parsedCleanly } from "../gcp/verify/gcloud-parse.js";
import { shellcheck } from "../aws/verify/cli-stubs.js";

const PROJECT = "demo-skyport";
const TEARDOWN = join(DEPLOY_SCRIPT, "../teardown.sh");
const flag = (argv: string[], name: string) => argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const deployed = recordCommands(dryRun([`--project=${PROJECT}`, "--alert-email=ops@example.com"]), "absent");
// Everything exists when the teardown runs: each describe finds it, each list names it.
const removed = recordCommands(dryRun([`--project=${PROJECT}`], TEARDOWN), "present");
const removedWithData = recordCommands(dryRun([`--project=${PROJECT}`, "--delete-data"], TEARDOWN), "present");
const has = (commands: string[][], words: string[]) => commands.some((argv) => words.every((word) => argv.includes(word)));
const listedBy = (commands: string[][], displayName: string) =>
  commands.some((argv) => argv.includes("list") && flag(argv, "filter") === `displayName="${displayName}"`);

/** For each command of deploy.sh that makes something, what teardown.sh must run to remove it (all words in one command). */
function removals(argv: string[]): string[][] | "goes with another resource" | undefined {
  const path = argv.filter((arg) => !arg.startsWith("-")).join(" ");
  const [, , third, fourth, fifth] = argv;
  if (path.startsWith("functions deploy ")) return [["functions", "delete", third!]];
  if (path.startsWith("scheduler jobs create http ")) return [["scheduler", "jobs", "delete", fifth!]];
  if (path.startsWith("pubsub topics create ")) return [["pubsub", "topics", "delete", fourth!]];
  if (path.startsWith("pubsub subscriptions create ")) return [["pubsub", "subscriptions", "delete", fourth!]];
  if (path.startsWith("iam service-accounts create ")) return [["iam", "service-accounts", "delete", `${fourth}@${PROJECT}.iam.gserviceaccount.com`]];
  if (path.startsWith("projects add-iam-policy-binding "))
    return [["projects", "remove-iam-policy-binding", PROJECT, `--member=${flag(argv, "member")}`, `--role=${flag(argv, "role")}`]];
  // Bindings on a topic, a subscription or a function, and the index settings of a database, go with it.
  if (/^(pubsub topics|pubsub subscriptions|functions) add-(iam|invoker)-policy-binding /.test(path)) return "goes with another resource";
  if (/^firestore (indexes|fields) /.test(path)) return "goes with another resource";
  return undefined;
}

describe("deploy/gcp/teardown.sh", () => {
  it("passes shellcheck", () => {
    expect(shellcheck(TEARDOWN)).toBe("");
  });

  it("removes every function, scheduler job, topic, subscription, service account and project binding deploy.sh creates", () => {
    const makers = deployed.filter((argv) =>
      /^(create|deploy|add-iam-policy-binding|add-invoker-policy-binding)$/.test(argv.find((arg, i) => i > 0 && /^(create|deploy|add-)/.test(arg)) ?? ""),
    );
    expect(makers.length).toBeGreaterThan(15);
    const missing: string[] = [];
    for (const argv of makers) {
      if (argv.includes("monitoring") || (argv.includes("firestore") && argv.includes("databases"))) continue; // below
      if (argv.includes("storage") && argv.includes("buckets")) continue; // the import bucket is data, below; its bindings go with it
      const needed = removals(argv);
      if (needed === undefined) missing.push(`teardown.sh knows no removal for: gcloud ${argv.join(" ")}`);
      else if (needed !== "goes with another resource")
        for (const words of needed) if (!has(removed, words)) missing.push(`gcloud ${argv.join(" ")} is not undone by: ${words.join(" ")}`);
    }
    expect(missing).toEqual([]);
  });

  it("removes the alert policy and its e-mail channel, found by the display names deploy.sh gives them", () => {
    const [policy] = deployed.filter((argv) => argv.join(" ").startsWith("alpha monitoring policies create"));
    const [channel] = deployed.filter((argv) => argv.join(" ").startsWith("beta monitoring channels create"));
    expect(listedBy(removed, (JSON.parse(flag(policy!, "policy")!) as { displayName: string }).displayName)).toBe(true);
    expect(listedBy(removed, flag(channel!, "display-name")!)).toBe(true);
    expect(has(removed, ["alpha", "monitoring", "policies", "delete", "projects/demo-skyport/alertPolicies/1234567890123456789"])).toBe(true);
    expect(has(removed, ["beta", "monitoring", "channels", "delete", "projects/demo-skyport/notificationChannels/9876543210987654321"])).toBe(true);
  });

  it("keeps the import bucket unless --delete-data, which deletes it with its objects", () => {
    const bucket = deployed.find((argv) => argv.join(" ").startsWith("storage buckets create"))![3]!;
    expect(bucket).toMatch(/^gs:\/\/skyport-orders-dev-imports-/);
    expect(has(removed, ["storage", "rm", "--recursive", bucket])).toBe(false);
    expect(has(removedWithData, ["storage", "rm", "--recursive", bucket])).toBe(true);
  });

  it("keeps the Firestore database (delete protection) unless --delete-data, which turns the protection off first", () => {
    const [create] = deployed.filter((argv) => argv.join(" ").startsWith("firestore databases create"));
    const database = `--database=${flag(create!, "database")}`;
    expect(removed.filter((argv) => argv[0] === "firestore" && !argv.includes("describe"))).toEqual([]);
    const off = removedWithData.findIndex((argv) => argv.join(" ") === `firestore databases update ${database} --no-delete-protection --project=${PROJECT}`);
    const gone = removedWithData.findIndex((argv) => argv.includes("delete") && argv.includes(database));
    expect(off).toBeGreaterThanOrEqual(0);
    expect(gone).toBeGreaterThan(off);
  });

  it("has only commands the installed gcloud parses offline", async () => {
    const unique = new Map([...removed, ...removedWithData].map((argv) => [JSON.stringify(argv), argv]));
    const refused = (await parseWithGcloud([...unique.values()]))
      .filter((result) => !parsedCleanly(result))
      .map((r) => `${r.status}: gcloud ${r.argv.join(" ")}\n${r.message}`);
    expect(refused).toEqual([]);
  }, 180_000);
});
