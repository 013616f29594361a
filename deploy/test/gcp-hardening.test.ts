import { describe, expect, it } from "vitest";
import { dryRun, recordCommands } from "../gcp/verify/dry-run.js";

// Issue 15's hardening of deploy/gcp/deploy.sh: dead letters noticed, orders kept, stages apart.
const PROJECT = "demo-skyport";
const find = (commands: string[][], prefix: string) => commands.filter((argv) => argv.join(" ").startsWith(prefix));
const flag = (argv: string[], name: string) => argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const deployment = (args: string[]) => {
  const script = dryRun([`--project=${PROJECT}`, ...args]);
  return { first: recordCommands(script, "absent"), second: recordCommands(script, "present") };
};
const withEmail = deployment(["--alert-email=ops@example.com"]);
const withoutEmail = deployment([]);

interface AlertPolicy {
  displayName: string;
  notificationChannels: string[];
  conditions: { conditionThreshold: { filter: string; comparison: string; thresholdValue: number } }[];
}
const policyOf = (argv: string[] | undefined) => JSON.parse(flag(argv!, "policy")!) as AlertPolicy;

describe("deploy.sh: a message in the dead-letter subscription raises a Cloud Monitoring alert", () => {
  it("creates an alert policy on the undelivered messages of the subscription that keeps the dead letters", () => {
    const { first } = withoutEmail;
    const [deadLetterUpdate] = find(first, "pubsub subscriptions update ");
    const deadLetterTopic = flag(deadLetterUpdate!, "dead-letter-topic")!;
    const [keeper] = find(first, "pubsub subscriptions create ").filter((argv) => flag(argv, "topic") === deadLetterTopic);
    const subscription = keeper![3]!;
    const creates = find(first, "alpha monitoring policies create");
    expect(creates).toHaveLength(1);
    const [condition] = policyOf(creates[0]).conditions;
    expect(condition!.conditionThreshold.filter).toContain(`resource.labels.subscription_id = "${subscription}"`);
    expect(condition!.conditionThreshold.filter).toContain(`metric.type = "pubsub.googleapis.com/subscription/num_undelivered_messages"`);
    expect(condition!.conditionThreshold).toMatchObject({ comparison: "COMPARISON_GT", thresholdValue: 0 });
  });

  it("updates the policy it finds by name on a second run instead of making another", () => {
    const { second } = withoutEmail;
    expect(find(second, "alpha monitoring policies create")).toEqual([]);
    const [update] = find(second, "alpha monitoring policies update ");
    expect(update![4]).toMatch(/^projects\/demo-skyport\/alertPolicies\//);
    expect(policyOf(update).displayName).toBe(policyOf(find(withoutEmail.first, "alpha monitoring policies create")[0]).displayName);
  });

  it("with --alert-email, e-mails it through a channel made once and named in the policy", () => {
    const [channel] = find(withEmail.first, "beta monitoring channels create");
    expect(flag(channel!, "channel-labels")).toBe("email_address=ops@example.com");
    expect(policyOf(find(withEmail.first, "alpha monitoring policies create")[0]).notificationChannels).toEqual([
      expect.stringMatching(/^projects\/demo-skyport\/notificationChannels\//),
    ]);
    expect(find(withEmail.second, "beta monitoring channels create")).toEqual([]);
    expect(policyOf(find(withEmail.second, "alpha monitoring policies update")[0]).notificationChannels).toHaveLength(1);
    expect(policyOf(find(withoutEmail.first, "alpha monitoring policies create")[0]).notificationChannels).toEqual([]);
  });
});

describe("deploy.sh: Firestore keeps the orders", () => {
  it("creates the database with point-in-time recovery and delete protection", () => {
    const [create] = find(withoutEmail.first, "firestore databases create");
    expect(create).toEqual(expect.arrayContaining(["--enable-pitr", "--delete-protection"]));
  });

  it("turns both on for a database that already exists", () => {
    expect(find(withoutEmail.second, "firestore databases create")).toEqual([]);
    const [update] = find(withoutEmail.second, "firestore databases update");
    expect(update).toEqual(expect.arrayContaining(["--database=skyport-dev", "--enable-pitr", "--delete-protection"]));
  });
});

describe("deploy.sh: stages", () => {
  /** The name of everything a first deployment creates, from the commands that create it. */
  const createdNames = (stage: string) =>
    recordCommands(dryRun([`--project=${PROJECT}`, `--stage=${stage}`]), "absent").flatMap((argv) => {
      const path = argv.join(" ");
      if (/^functions deploy |^pubsub (topics|subscriptions) create |^iam service-accounts create /.test(path)) return [argv[argv[0] === "functions" ? 2 : 3]!];
      if (path.startsWith("scheduler jobs create http ")) return [argv[4]!];
      if (path.startsWith("firestore databases create")) return [flag(argv, "database")!];
      if (path.startsWith("alpha monitoring policies create")) return [policyOf(argv).displayName];
      return [];
    });

  it("puts the stage in the name of everything it creates, so two stages share a project apart", () => {
    const blue = createdNames("blue");
    const green = createdNames("green");
    expect(blue.length).toBeGreaterThanOrEqual(12);
    for (const name of blue) expect(name).toContain("blue");
    expect(blue.filter((name) => green.includes(name))).toEqual([]);
  });

  it("refuses a stage that would not fit a service account id", () => {
    expect(() => dryRun([`--project=${PROJECT}`, "--stage=a-very-long-stage"])).toThrow();
  });
});
