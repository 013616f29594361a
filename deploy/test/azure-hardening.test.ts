import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { Expression, parseBicep, type BicepObject, type BicepResource, type BicepValue } from "../azure/verify/bicep-template.js";

// Issue 15's hardening of deploy/azure/main.bicep: what scanners and operators expect.
const here = dirname(fileURLToPath(import.meta.url));
const source = readFileSync(join(here, "../azure/main.bicep"), "utf8");
const template = parseBicep(source);
const resource = (symbol: string): BicepResource => {
  const found = template.resources.find((r) => r.symbol === symbol);
  if (!found) throw new Error(`main.bicep has no resource ${symbol}`);
  return found;
};
const ofType = (type: string) => template.resources.filter((r) => r.type === type);
const get = (value: BicepValue | undefined, path: string): BicepValue | undefined =>
  path
    .split(".")
    .reduce<BicepValue | undefined>(
      (v, key) => (v && typeof v === "object" && !(v instanceof Expression) && !Array.isArray(v) ? (v as BicepObject)[key] : undefined),
      value,
    );
const text = (value: BicepValue | undefined) => (value instanceof Expression ? value.text : JSON.stringify(value));
/** The comment lines right above a resource declaration. */
const commentAbove = (r: BicepResource) => {
  const lines = source.split("\n").slice(0, r.line - 1);
  const comment: string[] = [];
  while (lines.length && lines[lines.length - 1]!.startsWith("//")) comment.unshift(lines.pop()!);
  return comment.join("\n");
};

describe("main.bicep: a message in a poison queue raises an Azure Monitor alert", () => {
  const poisonQueues = ofType("Microsoft.Storage/storageAccounts/queueServices/queues").filter((q) => text(q.body.name).includes("-poison"));
  const alerts = ofType("Microsoft.Insights/scheduledQueryRules");

  it("sends the queue service's write log (PutMessage) to the workspace the alerts read", () => {
    const [setting] = ofType("Microsoft.Insights/diagnosticSettings").filter((d) => text(d.body.scope) === "queueService");
    expect(text(get(setting!.body, "properties.workspaceId"))).toBe("workspace.id");
    expect(get(setting!.body, "properties.logs")).toEqual([{ category: "StorageWrite", enabled: true }]);
  });

  it("has a log alert on every poison queue that fires on the first message moved there", () => {
    expect(poisonQueues.length).toBeGreaterThanOrEqual(1);
    for (const queue of poisonQueues) {
      // The queue's name as written ('${queueName}-poison'), as it appears inside the query.
      const name = text(queue.body.name).slice(1, -1);
      const watching = alerts.filter((a) => JSON.stringify(get(a.body, "properties.criteria")).includes(`/${name}/messages`));
      expect(watching, `an alert on ${queue.symbol}`).toHaveLength(1);
      const [condition] = get(watching[0]!.body, "properties.criteria.allOf") as BicepObject[];
      expect(text(condition!.query)).toMatch(/^'StorageQueueLogs \| where OperationName == "PutMessage" and Uri contains /);
      expect(condition).toMatchObject({ timeAggregation: "Count", operator: "GreaterThan", threshold: 0 });
      expect(get(watching[0]!.body, "properties")).toMatchObject({ enabled: true, skipQueryValidation: true });
      expect(text((get(watching[0]!.body, "properties.scopes") as BicepValue[])[0])).toBe("workspace.id");
      expect((get(watching[0]!.body, "properties.actions.actionGroups") as BicepValue[]).map(text)).toEqual(["alertRecipients.id"]);
    }
  });

  it("tells the action group, which e-mails alertEmail when one is given", () => {
    expect(get(resource("alertRecipients").body, "properties.enabled")).toBe(true);
    expect(text(get(resource("alertRecipients").body, "properties.emailReceivers"))).toMatch(
      /^empty\(alertEmail\) \? \[\] : \[[\s\S]*emailAddress: alertEmail/,
    );
  });
});

describe("main.bicep: an import event dead-lettered raises an Azure Monitor alert (issue 14)", () => {
  it("dead-letters into the import's own container, whose writes reach the workspace and fire a log alert on the first blob", () => {
    const [subscription] = ofType("Microsoft.EventGrid/systemTopics/eventSubscriptions");
    const deadLetter = get(subscription!.body, "properties.deadLetterWithResourceIdentity.deadLetterDestination.properties");
    expect(text(get(deadLetter, "blobContainerName"))).toBe("importDeadLetterContainerName");
    const [setting] = ofType("Microsoft.Insights/diagnosticSettings").filter((d) => text(d.body.scope) === "importBlobService");
    expect(text(get(setting!.body, "properties.workspaceId"))).toBe("workspace.id");
    expect(get(setting!.body, "properties.logs")).toEqual([{ category: "StorageWrite", enabled: true }]);
    const watching = ofType("Microsoft.Insights/scheduledQueryRules").filter((a) =>
      JSON.stringify(get(a.body, "properties.criteria")).includes("/${importDeadLetterContainerName}/"),
    );
    expect(watching).toHaveLength(1);
    const [condition] = get(watching[0]!.body, "properties.criteria.allOf") as BicepObject[];
    expect(text(condition!.query)).toMatch(/^'StorageBlobLogs \| where OperationName == "PutBlob" and Uri contains /);
    expect(condition).toMatchObject({ timeAggregation: "Count", operator: "GreaterThan", threshold: 0 });
    expect(get(watching[0]!.body, "properties")).toMatchObject({ enabled: true });
    expect((get(watching[0]!.body, "properties.actions.actionGroups") as BicepValue[]).map(text)).toEqual(["alertRecipients.id"]);
  });
});

describe("main.bicep: the import function reads imports/ and writes reports/ of its container, nothing else (issue 14)", () => {
  it("keeps the files in a storage account of their own: private, keyless, encrypted twice, versioned, reports/ expiring", () => {
    expect(get(resource("importStorage").body, "properties")).toMatchObject({
      allowSharedKeyAccess: false,
      allowBlobPublicAccess: false,
      supportsHttpsTrafficOnly: true,
      encryption: { requireInfrastructureEncryption: true, services: { blob: { enabled: true } } },
    });
    expect(get(resource("importBlobService").body, "properties.isVersioningEnabled")).toBe(true);
    for (const container of ["importContainer", "importDeadLetterContainer"]) expect(get(resource(container).body, "properties.publicAccess")).toBe("None");
    const [rule] = get(resource("importLifecycle").body, "properties.policy.rules") as BicepObject[];
    expect((get(rule, "definition.filters.prefixMatch") as BicepValue[]).map(text)).toEqual(["'${importContainerName}/reports/'"]);
    expect(get(rule, "definition.actions.baseBlob.delete.daysAfterModificationGreaterThan")).toBeGreaterThan(0);
  });

  it("holds each of its two roles on the import container under a condition on the blob's path", () => {
    const condition = (symbol: string) => {
      const { properties } = resource(symbol).body as { properties: BicepObject };
      expect([text(resource(symbol).body.scope), properties.conditionVersion]).toEqual(["importContainer", "2.0"]);
      return text(properties.condition);
    };
    expect(source).toMatch(/^var blobPath = '@Resource\[Microsoft\.Storage\/storageAccounts\/blobServices\/containers\/blobs:path\]'$/m);
    expect(condition("importReader")).toMatch(
      /^'\(\(!\(ActionMatches\{\\'\$\{blobAction\}\/read\\'\}\)\) OR \(\$\{blobPath\} StringStartsWith \\'imports\/\\'\)\)'$/,
    );
    expect(condition("importReportWriter")).toMatch(/ OR \(\$\{blobPath\} StringStartsWith \\'reports\/\\'\)\)'$/);
    for (const action of ["read", "write", "add/action", "delete", "move/action"])
      expect(condition("importReportWriter")).toContain(`!(ActionMatches{\\'\${blobAction}/${action}\\'})`);
  });
});

describe("main.bicep: Cosmos DB keeps the orders", () => {
  it("takes continuous backups", () => {
    expect(get(resource("cosmos").body, "properties.backupPolicy")).toEqual({ type: "Continuous", continuousModeProperties: { tier: "Continuous7Days" } });
  });

  it("is locked against deletion (CanNotDelete on the account)", () => {
    const locks = ofType("Microsoft.Authorization/locks");
    expect(locks.map((l) => text(l.body.scope))).toEqual(["cosmos"]);
    expect(get(locks[0]!.body, "properties.level")).toBe("CanNotDelete");
  });
});

describe("main.bicep: the function app and its roles", () => {
  it("turns FTP and FTPS off", () => {
    expect(get(resource("app").body, "properties.siteConfig.ftpsState")).toBe("Disabled");
  });

  it("scopes no role to the resource group or subscription, and says why where a role holds a whole account", () => {
    const assignments = ofType("Microsoft.Authorization/roleAssignments");
    for (const a of assignments) {
      const scope = text(a.body.scope);
      expect(scope, a.symbol).not.toMatch(/resourceGroup\(\)|subscription\(\)/);
      const account = template.resources.find((r) => r.symbol === scope && r.type === "Microsoft.Storage/storageAccounts");
      if (account) expect(commentAbove(a), `${a.symbol} holds the whole storage account: the comment above it says why`).toMatch(/no narrower scope/);
    }
    for (const symbol of ["cosmosOrdersContributor", "cosmosIdempotencyContributor", "cosmosLeasesContributor"]) {
      expect(text(get(resource(symbol).body, "properties.scope"))).toMatch(/\/dbs\/.*\/colls\//);
    }
  });
});

describe("main.bicep: stages", () => {
  const parameter = template.parameters.get("stage");

  it("takes a stage of at most 12 characters", () => {
    expect(parameter).toMatchObject({ type: "string", default: "dev" });
    expect(parameter!.decorators).toContainEqual({ name: "maxLength", args: [12] });
  });

  it("names every top-level resource from the stage (the unique suffix mixes it in), so two stages share a resource group", () => {
    expect(text(template.variables.get("suffix"))).toMatch(/^uniqueString\(resourceGroup\(\)\.id, appName, stage\)$/);
    expect(text(template.variables.get("baseName"))).toBe("take('${appName}-${stage}-${suffix}', 44)");
    const named = template.resources.filter((r) => r.body.parent === undefined && r.body.scope === undefined);
    expect(named.length).toBeGreaterThanOrEqual(7);
    for (const r of named) expect(text(r.body.name), r.symbol).toMatch(/baseName|suffix/);
  });
});
