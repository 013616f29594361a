import { describe, expect, it } from "vitest";
import { dryRun, recordCommands } from "../gcp/verify/dry-run.js";

// Issue 13 on Google Cloud: the ship function is pushed by an ordered subscription of our own. The
// template check (cli/src/checks/ordered-push.ts) reads the script's text, where other
// subscriptions carry a dead-letter topic too; this reads the commands the script runs.
const PROJECT = "demo-skyport";
const commands = recordCommands(dryRun([`--project=${PROJECT}`]), "absent");
const find = (prefix: string) => commands.filter((argv) => argv.join(" ").startsWith(prefix));
const flag = (argv: string[], name: string) => argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const SHIP_SA = `serviceAccount:skyport-dev-ship@${PROJECT}.iam.gserviceaccount.com`;
const INVOKER_SA = `skyport-dev-invoker@${PROJECT}.iam.gserviceaccount.com`;

describe("deploy.sh: the shipments stream on Google Cloud", () => {
  const [subscription] = find("pubsub subscriptions create skyport-shipments-dev-ship ");
  const [deploy] = find("functions deploy skyport-orders-dev-ship ");

  it("pushes the shipments topic to the private ship function, in order, with the invoker's OIDC token", () => {
    expect(subscription).toBeDefined();
    expect(subscription).toContain("--enable-message-ordering");
    expect(flag(subscription!, "topic")).toBe("skyport-shipments-dev");
    expect(flag(subscription!, "push-auth-service-account")).toBe(INVOKER_SA);
    expect(flag(subscription!, "push-endpoint")).toMatch(/^https:\/\//);
    expect(flag(subscription!, "push-auth-token-audience")).toBe(flag(subscription!, "push-endpoint"));
    expect(deploy).toEqual(expect.arrayContaining(["--trigger-http", "--no-allow-unauthenticated"]));
  });

  it("moves a record that failed its bounded attempts to the watched dead-letter topic, which the function also publishes its poison to", () => {
    expect(flag(subscription!, "dead-letter-topic")).toBe("skyport-orders-dev-dead-letter");
    expect(Number(flag(subscription!, "max-delivery-attempts"))).toBeGreaterThanOrEqual(5);
    expect(flag(deploy!, "set-env-vars")).toContain("SKYPORT_STREAM_DEAD_LETTERS=skyport-orders-dev-dead-letter");
    // The alert policy watches the subscription that keeps this topic's messages (deploy/test/gcp-hardening.test.ts).
    expect(find("pubsub subscriptions create skyport-orders-dev-dead-letter --topic=skyport-orders-dev-dead-letter")).toHaveLength(1);
  });

  it("lets the ship function's account publish to the dead-letter topic and use the database, nothing more", () => {
    const grants = commands.filter((argv) => argv.includes(SHIP_SA) || argv.includes(`--member=${SHIP_SA}`));
    const command = (argv: string[]) =>
      argv
        .filter((arg) => !arg.startsWith("-"))
        .slice(0, 4)
        .join(" ");
    expect(grants.map((argv) => [command(argv), flag(argv, "role")])).toEqual([
      [`projects add-iam-policy-binding ${PROJECT}`, "roles/datastore.user"],
      ["pubsub topics add-iam-policy-binding skyport-orders-dev-dead-letter", "roles/pubsub.publisher"],
    ]);
  });
});
