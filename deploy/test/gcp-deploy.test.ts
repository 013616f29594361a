import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { shellcheck } from "../aws/verify/cli-stubs.js";
import { DEPLOY_SCRIPT, dryRun, recordCommands } from "../gcp/verify/dry-run.js";
import { parseWithGcloud, parsedCleanly } from "../gcp/verify/gcloud-parse.js";

const PROJECT = "demo-skyport";
const gcpDir = dirname(DEPLOY_SCRIPT);
const bundleDir = resolve(gcpDir, "../../apps/orders/dist/gcp");
// The default stage, dev: every name carries it.
const SA = (name: string) => `skyport-dev-${name}@${PROJECT}.iam.gserviceaccount.com`;
const INVOKER_SA = SA("invoker");
const FUNCTIONS = {
  http: "skyport-orders-dev",
  queue: "skyport-orders-dev-queue",
  cleanup: "skyport-orders-dev-cleanup",
  outbox: "skyport-orders-dev-outbox",
} as const;
const indexes = JSON.parse(readFileSync(join(gcpDir, "firestore.indexes.json"), "utf8")) as {
  indexes: { collectionGroup: string; fields: { fieldPath: string; order: string }[] }[];
  fieldOverrides: { collectionGroup: string; fieldPath: string; ttl?: boolean; indexes: unknown[] }[];
};

const script = dryRun([`--project=${PROJECT}`]);
const firstRun = recordCommands(script, "absent");
const secondRun = recordCommands(script, "present");
const commandPath = (argv: string[]) =>
  argv
    .filter((arg) => !arg.startsWith("-"))
    .slice(0, 4)
    .join(" ");
const find = (commands: string[][], prefix: string) => commands.filter((argv) => argv.join(" ").startsWith(prefix));
const flag = (argv: string[], name: string) => argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const deployOf = (name: string) => {
  const [deploy] = find(firstRun, `functions deploy ${name} `);
  if (!deploy) throw new Error(`no gcloud functions deploy ${name}`);
  return deploy;
};

describe("deploy/gcp/deploy.sh, checked by shellcheck and bash", () => {
  it("passes shellcheck", () => {
    expect(shellcheck(DEPLOY_SCRIPT)).toBe("");
  });

  it("stops on the first error, and refuses to run without a project or with an unknown argument", () => {
    expect(readFileSync(DEPLOY_SCRIPT, "utf8")).toMatch(/^set -euo pipefail$/m);
    const env = { ...process.env, GOOGLE_CLOUD_PROJECT: "" };
    const noProject = spawnSync("bash", [DEPLOY_SCRIPT, "--dry-run"], { encoding: "utf8", env });
    expect(noProject.status).toBe(2);
    expect(noProject.stderr).toMatch(/--project/);
    const unknown = spawnSync("bash", [DEPLOY_SCRIPT, `--project=${PROJECT}`, "--regoin=us-central1"], { encoding: "utf8", env });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown argument: --regoin/);
  });

  it("prints, with --dry-run, a script that bash accepts and that calls nothing but gcloud", () => {
    expect(script.split("\n")[0]).toBe("set -euo pipefail");
    expect(spawnSync("bash", ["-n"], { input: script }).status).toBe(0);
    expect(firstRun.length).toBeGreaterThan(20);
  });
});

describe("every gcloud command, parsed offline by the installed gcloud", () => {
  let results: Awaited<ReturnType<typeof parseWithGcloud>>;
  beforeAll(async () => {
    const unique = new Map([...firstRun, ...secondRun].map((argv) => [JSON.stringify(argv), argv]));
    results = await parseWithGcloud([...unique.values()]);
  }, 180_000);

  it("has no unknown flag, missing argument or bad value in any command (a usage error is exit 2)", () => {
    const refused = results.filter((result) => !parsedCleanly(result)).map((result) => `${result.status}: gcloud ${result.argv.join(" ")}\n${result.message}`);
    expect(refused).toEqual([]);
  });

  it("would catch a misspelled flag", async () => {
    const broken = mkdtempSync(join(tmpdir(), "skyport-deploy-typo-"));
    try {
      const copy = join(broken, "deploy.sh");
      writeFileSync(copy, readFileSync(DEPLOY_SCRIPT, "utf8").replace("--max-delivery-attempts=", "--max-delivery-atempts="));
      writeFileSync(join(broken, "names.sh"), readFileSync(join(gcpDir, "names.sh")));
      writeFileSync(join(broken, "firestore.indexes.json"), readFileSync(join(gcpDir, "firestore.indexes.json")));
      writeFileSync(join(broken, "firestore-index-flags.mjs"), readFileSync(join(gcpDir, "firestore-index-flags.mjs")));
      const typo = recordCommands(dryRun([`--project=${PROJECT}`], copy), "absent").filter((argv) =>
        argv.some((arg) => arg.startsWith("--max-delivery-atempts")),
      );
      expect(typo).toHaveLength(1);
      const [result] = await parseWithGcloud(typo);
      expect(result!.status).toBe(2);
      expect(result!.message).toMatch(/unrecognized arguments: --max-delivery-atempts/);
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("what the script deploys", () => {
  it("gives each function a service account of its own with only its roles: only the outbox function publishes", () => {
    const grants = [...firstRun, ...secondRun].filter((argv) => argv.some((arg) => arg.startsWith("--role=")));
    const roles = (member: string) => new Set(grants.filter((argv) => flag(argv, "member") === member).map((argv) => flag(argv, "role")));
    expect(roles(`serviceAccount:${SA("http")}`)).toEqual(new Set(["roles/datastore.user"]));
    expect(roles(`serviceAccount:${SA("outbox")}`)).toEqual(new Set(["roles/pubsub.publisher"]));
    expect(roles(`serviceAccount:${SA("queue")}`)).toEqual(new Set(["roles/datastore.user"]));
    expect(roles(`serviceAccount:${SA("cleanup")}`)).toEqual(new Set(["roles/datastore.user"]));
    expect(
      find(firstRun, `pubsub topics add-iam-policy-binding skyport-orders-dev --member=serviceAccount:${SA("outbox")}`),
      "publishing only to the orders topic",
    ).toHaveLength(1);
    expect(grants.map((argv) => flag(argv, "role"))).not.toContainEqual(expect.stringMatching(/roles\/(owner|editor|viewer)$/));
    for (const [fn, name] of Object.entries(FUNCTIONS)) expect(flag(deployOf(name), "service-account")).toBe(SA(fn));
  });

  it("grants roles/datastore.user on the project only under a condition naming the stage's database", () => {
    const datastore = [...firstRun, ...secondRun].filter((argv) => flag(argv, "role") === "roles/datastore.user");
    expect(datastore.length).toBeGreaterThanOrEqual(3);
    for (const argv of datastore) {
      expect(argv.slice(0, 3)).toEqual(["projects", "add-iam-policy-binding", PROJECT]);
      expect(flag(argv, "condition")).toMatch(new RegExp(`^expression=resource\\.name=="projects/${PROJECT}/databases/skyport-dev",title=`));
    }
  });

  it("deploys every function from its own bundle, dist/gcp/<entry point>, which registers that function alone", () => {
    const deploys = find(firstRun, "functions deploy ");
    expect(deploys.length).toBeGreaterThanOrEqual(6);
    expect(deploys.map((argv) => resolve(flag(argv, "source")!))).toEqual(deploys.map((argv) => join(bundleDir, flag(argv, "entry-point")!)));
  });

  it("deploys the four functions from their bundle directories: --gen2, nodejs22, one entry point each", () => {
    const entries = { [FUNCTIONS.http]: "api", [FUNCTIONS.queue]: "confirm", [FUNCTIONS.cleanup]: "cleanup", [FUNCTIONS.outbox]: "outbox" };
    for (const [name, entryPoint] of Object.entries(entries)) {
      const deploy = deployOf(name);
      expect(deploy).toContain("--gen2");
      expect(flag(deploy, "runtime")).toBe("nodejs22");
      expect(resolve(flag(deploy, "source")!)).toBe(join(bundleDir, entryPoint));
      expect(flag(deploy, "entry-point")).toBe(entryPoint);
      expect(flag(deploy, "set-env-vars")!.split(",")).toEqual(
        expect.arrayContaining([
          "SKYPORT_STORE=firestore",
          `GOOGLE_CLOUD_PROJECT=${PROJECT}`,
          "SKYPORT_FIRESTORE_DATABASE=skyport-dev",
          "SKYPORT_TOPIC_ORDERS=skyport-orders-dev",
        ]),
      );
    }
    expect(deployOf(FUNCTIONS.http)).toEqual(expect.arrayContaining(["--trigger-http", "--allow-unauthenticated"]));
    expect(deployOf(FUNCTIONS.cleanup)).toEqual(expect.arrayContaining(["--trigger-http", "--no-allow-unauthenticated"]));
    const queue = deployOf(FUNCTIONS.queue);
    expect(queue).toEqual(
      expect.arrayContaining(["--trigger-topic=skyport-orders-dev", "--retry", "--no-allow-unauthenticated", `--trigger-service-account=${INVOKER_SA}`]),
    );
    // The outbox: Firestore's written events for the stage's orders collection, redelivered on failure.
    expect(deployOf(FUNCTIONS.outbox)).toEqual(
      expect.arrayContaining([
        "--trigger-event-filters=type=google.cloud.firestore.document.v1.written",
        "--trigger-event-filters=database=skyport-dev",
        "--trigger-event-filters-path-pattern=document=orders/{orderId}",
        "--retry",
        "--no-allow-unauthenticated",
        `--trigger-service-account=${INVOKER_SA}`,
      ]),
    );
  });

  it("creates the Firestore database and every index and field override of firestore.indexes.json, with the TTL policy", () => {
    expect(find(firstRun, "firestore databases create")).toHaveLength(1);
    // The order service's collections: its queries' indexes on orders, the TTL on the idempotency keys' expiry Timestamp.
    expect(new Set(indexes.indexes.map((index) => index.collectionGroup))).toEqual(new Set(["orders"]));
    expect(find(firstRun, "firestore fields ttls update").map((argv) => [argv[4], flag(argv, "collection-group")])).toEqual([
      ["expiresAt", "idempotency-keys"],
    ]);
    expect(find(firstRun, "firestore indexes fields update `$document` --collection-group=orders --disable-indexes")).toHaveLength(1);
    const composite = find(firstRun, "firestore indexes composite create");
    expect(
      composite.map((argv) => [flag(argv, "collection-group"), argv.filter((arg) => arg.startsWith("--field-config=")).map((arg) => arg.slice(15))]),
    ).toEqual(
      indexes.indexes.map((index) => [index.collectionGroup, index.fields.map((field) => `field-path=${field.fieldPath},order=${field.order.toLowerCase()}`)]),
    );
    for (const override of indexes.fieldOverrides) {
      if (override.ttl)
        expect(find(firstRun, `firestore fields ttls update ${override.fieldPath} --collection-group=${override.collectionGroup} --enable-ttl`)).toHaveLength(
          1,
        );
      expect(
        find(firstRun, `firestore indexes fields update ${override.fieldPath} --collection-group=${override.collectionGroup} --disable-indexes`),
      ).toHaveLength(1);
    }
  });

  it("gives the queue function's subscription a dead-letter topic and a max delivery attempts", () => {
    // The queue function's subscription, the outbox trigger's and the import trigger's: all dead-letter into the one watched topic.
    const updates = find(firstRun, "pubsub subscriptions update projects/demo-skyport/subscriptions/eventarc-");
    expect(updates).toHaveLength(3);
    for (const update of updates) {
      expect(flag(update, "dead-letter-topic")).toBe("skyport-orders-dev-dead-letter");
      expect(Number(flag(update, "max-delivery-attempts"))).toBeGreaterThanOrEqual(5);
    }
    expect(find(firstRun, "pubsub topics create skyport-orders-dev-dead-letter")).toHaveLength(1);
    expect(find(firstRun, "pubsub subscriptions create skyport-orders-dev-dead-letter --topic=skyport-orders-dev-dead-letter")).toHaveLength(1);
  });

  it("makes the import bucket private (uniform access, public access prevention) and versioned, its reports/ expiring", () => {
    const [create] = find(firstRun, "storage buckets create gs://");
    expect(create).toEqual(expect.arrayContaining(["--uniform-bucket-level-access", "--public-access-prevention"]));
    const [update] = find(firstRun, `storage buckets update ${create![3]}`);
    expect(update).toContain("--versioning");
    const lifecycle = JSON.parse(readFileSync(flag(update!, "lifecycle-file")!, "utf8")) as { rule: unknown[] };
    expect(lifecycle.rule).toContainEqual({ action: { type: "Delete" }, condition: { age: 30, matchesPrefix: ["reports/"] } });
  });

  it("lets the import function read the import bucket's imports/ and write its reports/, each under a condition, and nothing else", () => {
    const bucket = find(firstRun, "storage buckets create gs://")[0]![3]!.slice("gs://".length);
    const grants = find(firstRun, `storage buckets add-iam-policy-binding gs://${bucket}`).filter(
      (argv) => flag(argv, "member") === `serviceAccount:${SA("import")}`,
    );
    const prefixOf = (argv: string[]) =>
      /^expression=resource\.name\.startsWith\("projects\/_\/buckets\/([^/]+)\/objects\/([^"]*)"\),/.exec(flag(argv, "condition") ?? "");
    expect(grants.map((argv) => [flag(argv, "role"), prefixOf(argv)?.slice(1)])).toEqual([
      ["roles/storage.objectViewer", [bucket, "imports/"]],
      ["roles/storage.objectUser", [bucket, "reports/"]],
    ]);
  });

  it("has Cloud Scheduler POST to the cleanup function with an OIDC token of the invoker, which may call only the private functions", () => {
    for (const [run, verb] of [
      [firstRun, "create"],
      [secondRun, "update"],
    ] as const) {
      const [job] = find(run, `scheduler jobs ${verb} http skyport-orders-dev-cleanup`);
      expect(job).toEqual(expect.arrayContaining(["--http-method=POST", `--oidc-service-account-email=${INVOKER_SA}`]));
      expect(flag(job!, "uri")).toBe(flag(job!, "oidc-token-audience"));
    }
    const invokerGrants = find(firstRun, "functions add-invoker-policy-binding").map((argv) => [argv[2], flag(argv, "member")]);
    expect(invokerGrants).toEqual([
      [FUNCTIONS.queue, `serviceAccount:${INVOKER_SA}`],
      [FUNCTIONS.cleanup, `serviceAccount:${INVOKER_SA}`],
      [FUNCTIONS.outbox, `serviceAccount:${INVOKER_SA}`],
      ["skyport-orders-dev-ship", `serviceAccount:${INVOKER_SA}`],
      ["skyport-orders-dev-import", `serviceAccount:${INVOKER_SA}`],
    ]);
  });

  it("is idempotent: a second run creates nothing that exists and updates the rest", () => {
    const creates = (commands: string[][]) => commands.filter((argv) => argv.includes("create")).map(commandPath);
    // Composite indexes have no describe command: their create counts ALREADY_EXISTS as done.
    expect(creates(secondRun)).toEqual(indexes.indexes.map(() => "firestore indexes composite create"));
    expect(script).toMatch(/output=\$\(gcloud firestore indexes composite create .* 2>&1\) \|\| grep -q ALREADY_EXISTS/);
    expect(creates(firstRun)).toEqual(
      expect.arrayContaining(["iam service-accounts create skyport-dev-http", "pubsub topics create skyport-orders-dev", "scheduler jobs create http"]),
    );
    expect(find(secondRun, "functions deploy")).toHaveLength(6);
  });
});

it("reads its indexes from firestore.indexes.json through the helper the script runs", () => {
  const lines = execFileSync("node", [join(gcpDir, "firestore-index-flags.mjs"), join(gcpDir, "firestore.indexes.json")], { encoding: "utf8" })
    .trim()
    .split("\n");
  expect(lines.filter((line) => line.startsWith("index\t"))).toHaveLength(indexes.indexes.length);
});
