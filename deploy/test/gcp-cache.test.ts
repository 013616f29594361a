import { beforeAll, describe, expect, it } from "vitest";
import { dryRun, recordCommands } from "../gcp/verify/dry-run.js";
import { parseWithGcloud, parsedCleanly } from "../gcp/verify/gcloud-parse.js";

const PROJECT = "demo-skyport";
const SA = (name: string) => `skyport-dev-${name}@${PROJECT}.iam.gserviceaccount.com`;
// Every function that reads or writes orders keeps the cache right; the outbox reads change events only.
const WITH_ORDERS = {
  "skyport-orders-dev": "http",
  "skyport-orders-dev-queue": "queue",
  "skyport-orders-dev-cleanup": "cleanup",
  "skyport-orders-dev-ship": "ship",
  "skyport-orders-dev-import": "import",
};
const OUTBOX = "skyport-orders-dev-outbox";

const flag = (argv: string[], name: string) => argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const deployOf = (commands: string[][], name: string) => {
  const deploy = commands.find((argv) => argv.join(" ").startsWith(`functions deploy ${name} `));
  if (!deploy) throw new Error(`no gcloud functions deploy ${name}`);
  return deploy;
};
const secretGrants = (commands: string[][]) => commands.filter((argv) => argv[0] === "secrets" && argv[1] === "add-iam-policy-binding");

describe("deploy/gcp/deploy.sh: the order cache, off by default", () => {
  const off = recordCommands(dryRun([`--project=${PROJECT}`]), "absent");

  it("runs no function with a cache, and clears a connector and secrets an earlier deploy set", () => {
    for (const name of [...Object.keys(WITH_ORDERS), OUTBOX]) {
      const deploy = deployOf(off, name);
      expect(flag(deploy, "set-env-vars"), name).not.toContain("SKYPORT_CACHE");
    }
    for (const name of Object.keys(WITH_ORDERS)) expect(deployOf(off, name)).toEqual(expect.arrayContaining(["--clear-vpc-connector", "--clear-secrets"]));
    expect(secretGrants(off)).toEqual([]);
  });

  it("refuses a secret without a connector", () => {
    expect(() => dryRun([`--project=${PROJECT}`, "--cache-secret=orders-cache-url"])).toThrow(/go together/);
  });
});

describe("deploy/gcp/deploy.sh --cache-secret --cache-connector", () => {
  const on = recordCommands(dryRun([`--project=${PROJECT}`, "--cache-secret=orders-cache-url", "--cache-connector=skyport-vpc"]), "absent");

  it("gives every function that reads or writes orders the cache: SKYPORT_CACHE=redis, the URL from Secret Manager, the connector for private ranges", () => {
    for (const name of Object.keys(WITH_ORDERS)) {
      const deploy = deployOf(on, name);
      expect(flag(deploy, "set-env-vars")!.split(","), name).toContain("SKYPORT_CACHE=redis");
      expect(flag(deploy, "set-env-vars"), name).not.toMatch(/REDIS_URL|redis:\/\//);
      expect(deploy, name).toEqual(
        expect.arrayContaining([
          "--set-secrets=SKYPORT_REDIS_URL=orders-cache-url:latest",
          "--vpc-connector=skyport-vpc",
          "--egress-settings=private-ranges-only",
        ]),
      );
    }
    const outbox = deployOf(on, OUTBOX);
    expect(outbox.join(" ")).not.toMatch(/SKYPORT_CACHE|set-secrets|vpc-connector/);
  });

  it("lets exactly those functions' accounts read that one secret, each before its function is deployed", () => {
    const grants = secretGrants(on);
    expect(grants.map((argv) => argv[2])).toEqual(Array(5).fill("orders-cache-url"));
    expect(grants.map((argv) => flag(argv, "role"))).toEqual(Array(5).fill("roles/secretmanager.secretAccessor"));
    expect(grants.map((argv) => flag(argv, "member")).sort()).toEqual(
      Object.values(WITH_ORDERS)
        .map((name) => `serviceAccount:${SA(name)}`)
        .sort(),
    );
    for (const [name, account] of Object.entries(WITH_ORDERS)) {
      const grant = on.findIndex((argv) => argv[0] === "secrets" && flag(argv, "member") === `serviceAccount:${SA(account)}`);
      expect(grant, name).toBeLessThan(on.indexOf(deployOf(on, name)));
    }
  });

  describe("every command, parsed offline by the installed gcloud", () => {
    let results: Awaited<ReturnType<typeof parseWithGcloud>>;
    beforeAll(async () => {
      const cacheCommands = [...secretGrants(on), ...Object.keys(WITH_ORDERS).map((name) => deployOf(on, name))];
      const off = recordCommands(dryRun([`--project=${PROJECT}`]), "absent");
      results = await parseWithGcloud([...cacheCommands, deployOf(off, "skyport-orders-dev")]);
    }, 180_000);

    it("has no unknown flag, missing argument or bad value", () => {
      expect(
        results.filter((result) => !parsedCleanly(result)).map((result) => `${result.status}: gcloud ${result.argv.join(" ")}\n${result.message}`),
      ).toEqual([]);
    });
  });
});
