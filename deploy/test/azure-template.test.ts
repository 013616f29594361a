import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { idempotencyCollection } from "@skyport/core";
import { ordersCollection } from "@skyport/core/orders";
import { containerDefinitionOf } from "@skyport/cosmos";
import { describe, expect, it } from "vitest";
import { ArmSchemas } from "../azure/verify/arm-schemas.js";
import { Expression, parseBicep, type BicepObject, type BicepResource, type BicepValue } from "../azure/verify/bicep-template.js";
import { ResourceChecker } from "../azure/verify/resource-check.js";

const here = dirname(fileURLToPath(import.meta.url));
const source = readFileSync(join(here, "../azure/main.bicep"), "utf8");
const template = parseBicep(source);
const schemas = new ArmSchemas(join(here, "../azure/schemas"));
const checker = new ResourceChecker(schemas);

/**
 * Resource types whose provider has no schema in deploy/azure/schemas. Application Insights
 * must be workspace-based (classic mode is retired), so the template needs a Log Analytics
 * workspace; Microsoft.OperationalInsights' schema is not in the set, so this one resource is
 * checked by hand below. Any other uncovered type fails.
 */
const UNCOVERED = [
  "Microsoft.OperationalInsights/workspaces@2025-02-01",
  // Nor a Microsoft.Cache provider: the order cache (cache=true, issue 27), checked by the Bicep compiler only.
  "Microsoft.Cache/redisEnterprise@2025-04-01",
  "Microsoft.Cache/redisEnterprise/databases@2025-04-01",
  "Microsoft.Cache/redisEnterprise/databases/accessPolicyAssignments@2025-04-01",
  // The schemas here have no Microsoft.EventHub provider: the shipments event hub (issue 13), checked by the Bicep compiler only.
  "Microsoft.EventHub/namespaces@2024-01-01",
  "Microsoft.EventHub/namespaces/eventhubs@2024-01-01",
  "Microsoft.EventHub/namespaces/eventhubs/consumergroups@2024-01-01",
  // Nor a Microsoft.EventGrid provider: the import's BlobCreated subscription (issue 14), checked by the Bicep compiler only.
  "Microsoft.EventGrid/systemTopics@2025-02-15",
  "Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15",
];

const resource = (symbol: string): BicepResource => {
  const found = template.resources.find((r) => r.symbol === symbol);
  if (!found) throw new Error(`main.bicep has no resource ${symbol}`);
  return found;
};
const get = (value: BicepValue | undefined, path: string): BicepValue | undefined =>
  path
    .split(".")
    .reduce<BicepValue | undefined>(
      (v, key) => (v && typeof v === "object" && !(v instanceof Expression) && !Array.isArray(v) ? (v as BicepObject)[key] : undefined),
      value,
    );
const expression = (value: BicepValue | undefined) => (value instanceof Expression ? value.text : undefined);

describe("main.bicep against Azure's ARM resource schemas", () => {
  it("parses with tree-sitter-bicep, whose native binding loads", () => {
    expect(template.resources.length).toBeGreaterThan(10);
  });

  for (const r of template.resources.filter((r) => schemas.coversNamespace(r.type))) {
    it(`${r.symbol}: ${r.type}@${r.apiVersion} has a published schema and every property in it`, () => {
      expect(checker.check(r)).toEqual([]);
    });
  }

  it("has no resource outside the schemas but the documented Log Analytics workspace", () => {
    const uncovered = template.resources.filter((r) => !schemas.coversNamespace(r.type)).map((r) => `${r.type}@${r.apiVersion}`);
    expect(uncovered).toEqual(UNCOVERED);
    expect(Object.keys(resource("workspace").body).sort()).toEqual(["location", "name", "properties"]);
    expect(resource("workspace").body.properties).toEqual({ sku: { name: "PerGB2018" }, retentionInDays: 30 });
  });
});

describe("main.bicep: the function app", () => {
  const app = resource("app");

  it("runs on Linux Flex Consumption with Node.js 22 and a system-assigned identity", () => {
    expect(resource("plan").body).toMatchObject({ kind: "functionapp", sku: { name: "FC1", tier: "FlexConsumption" }, properties: { reserved: true } });
    expect(app.body).toMatchObject({ kind: "functionapp,linux", identity: { type: "SystemAssigned" }, properties: { httpsOnly: true } });
    expect(expression(get(app.body, "properties.serverFarmId"))).toBe("plan.id");
    expect(get(app.body, "properties.functionAppConfig.runtime")).toEqual({ name: "node", version: "22" });
    expect(get(app.body, "properties.functionAppConfig.deployment.storage")).toMatchObject({
      type: "blobContainer",
      authentication: { type: "SystemAssignedIdentity" },
    });
  });

  const settings = new Map(
    (get(app.body, "properties.siteConfig.appSettings") as BicepObject[]).map((s) => [
      s.name as string,
      s.value instanceof Expression ? s.value.text : s.value,
    ]),
  );

  it("configures the service with identity-based connections only", () => {
    expect([...settings.keys()].sort()).toEqual([
      "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
      "APPLICATIONINSIGHTS_CONNECTION_STRING",
      "AzureWebJobsStorage__accountName",
      "SKYPORT_AUTH_AUDIENCE",
      "SKYPORT_AUTH_CUSTOMER_CLAIM",
      "SKYPORT_AUTH_ISSUER",
      "SKYPORT_BLOB_SERVICE_URL",
      "SKYPORT_CACHE",
      "SKYPORT_COSMOS_DATABASE",
      "SKYPORT_COSMOS_ENDPOINT",
      "SKYPORT_COSMOS__accountEndpoint",
      "SKYPORT_EVENTHUBS__fullyQualifiedNamespace",
      "SKYPORT_IMPORT_MAX_BYTES",
      "SKYPORT_LOG_LEVEL",
      "SKYPORT_QUEUE_SERVICE_URL",
      "SKYPORT_REDIS_AUTH",
      "SKYPORT_REDIS_URL",
      "SKYPORT_RETENTION_DAYS",
      "SKYPORT_STORE",
      "SKYPORT_STREAM_SHIPMENTS",
      "SKYPORT_TOPIC_ORDERS",
    ]);
    expect(settings.get("SKYPORT_STORE")).toBe("cosmos");
    expect(settings.get("SKYPORT_COSMOS_ENDPOINT")).toBe("cosmos.properties.documentEndpoint");
    expect(settings.get("SKYPORT_QUEUE_SERVICE_URL")).toBe("storage.properties.primaryEndpoints.queue");
    expect(settings.get("AzureWebJobsStorage__accountName")).toBe("storage.name");
    // Application Insights' connection string names the component; with local auth off, only Entra-signed telemetry is accepted.
    expect(settings.get("APPLICATIONINSIGHTS_AUTHENTICATION_STRING")).toBe("Authorization=AAD");
    expect(get(resource("insights").body, "properties.DisableLocalAuth")).toBe(true);
  });

  it("holds no key, SAS or shared-key connection string anywhere, and the accounts refuse them", () => {
    expect(source).not.toMatch(
      new RegExp(
        [
          "listKeys",
          "listConnectionStrings",
          "listAccountSas",
          "AccountKey=",
          "SharedAccessSignature",
          "primaryMasterKey",
          "SKYPORT_COSMOS_KEY",
          "SKYPORT_STORAGE_CONNECTION_STRING",
          "@secure",
        ].join("|"),
        "i",
      ),
    );
    expect(get(resource("storage").body, "properties.allowSharedKeyAccess")).toBe(false);
    expect(get(resource("cosmos").body, "properties.disableLocalAuth")).toBe(true);
    expect(resource("ftpCredentials").body.properties).toEqual({ allow: false });
    expect(resource("scmCredentials").body.properties).toEqual({ allow: false });
  });

  it("publishes to the queue it creates, beside the poison queue the host moves failures to", () => {
    const queueName = template.variables.get("queueName");
    expect(settings.get("SKYPORT_TOPIC_ORDERS")).toBe("queueName");
    expect(expression(resource("ordersQueue").body.name)).toBe("queueName");
    expect(resource("poisonQueue").body.name).toEqual(new Expression("'${queueName}-poison'"));
    expect(queueName).toBe("orders");
  });
});

describe("main.bicep: role assignments", () => {
  const roles = template.variables.get("roles") as Record<string, string>;
  const assignments = template.resources.filter((r) => r.type === "Microsoft.Authorization/roleAssignments");

  it("give the app's identity each role on the one resource that needs it", () => {
    const granted = assignments.map((a) => {
      const roleId = expression(get(a.body, "properties.roleDefinitionId"))!.match(/roles\.(\w+)\)$/)![1]!;
      return {
        role: roleId,
        scope: expression(a.body.scope),
        principal: expression(get(a.body, "properties.principalId")),
        principalType: get(a.body, "properties.principalType"),
      };
    });
    const app = { principal: "app.identity.principalId", principalType: "ServicePrincipal" };
    expect(granted).toEqual([
      { role: "storageBlobDataOwner", scope: "storage", ...app },
      { role: "storageQueueDataContributor", scope: "ordersQueue", ...app },
      { role: "storageQueueDataContributor", scope: "poisonQueue", ...app },
      { role: "storageQueueDataMessageSender", scope: "changesPoisonQueue", ...app },
      { role: "eventHubsDataReceiver", scope: "shipmentsHub", ...app },
      { role: "storageQueueDataMessageSender", scope: "shipmentsPoisonQueue", ...app },
      { role: "monitoringMetricsPublisher", scope: "insights", ...app },
      // The import reads imports/ and writes reports/ of its own account's container (conditions on the path).
      { role: "storageBlobDataReader", scope: "importContainer", ...app },
      { role: "storageBlobDataContributor", scope: "importContainer", ...app },
      // Event Grid's system topic writes dead letters into their container, and nowhere else.
      {
        role: "storageBlobDataContributor",
        scope: "importDeadLetterContainer",
        principal: "importEvents.identity.principalId",
        principalType: "ServicePrincipal",
      },
    ]);
    expect(roles).toMatchObject({
      storageBlobDataOwner: "b7e6dc6d-f1e8-4753-8033-0f276bb0955b",
      storageQueueDataContributor: "974c5e8b-45b9-4653-ba55-5f855dd0fb88",
      storageQueueDataMessageSender: "c6a89b2d-59bc-44d0-9896-0f6e12d7b80a",
      monitoringMetricsPublisher: "3913510d-42f4-4e42-8a64-420c390055eb",
    });
  });

  it("give it Cosmos DB Built-in Data Contributor on each container it uses and the trigger's leases, not the database or the account", () => {
    expect(roles.cosmosDataContributor).toBe("00000000-0000-0000-0000-000000000002");
    expect(expression(resource("database").body.name)).toBe("databaseName");
    const containers = {
      cosmosOrdersContributor: "ordersContainer",
      cosmosIdempotencyContributor: "idempotencyContainer",
      cosmosLeasesContributor: "leasesContainer",
    };
    for (const [symbol, container] of Object.entries(containers)) {
      const cosmosRole = resource(symbol);
      expect(expression(cosmosRole.body.parent)).toBe("cosmos");
      expect(expression(get(cosmosRole.body, "properties.scope"))).toBe(`'\${cosmos.id}/dbs/\${databaseName}/colls/\${${container}.name}'`);
      expect(expression(get(cosmosRole.body, "properties.roleDefinitionId"))).toBe("'${cosmos.id}/sqlRoleDefinitions/${roles.cosmosDataContributor}'");
      expect(expression(get(cosmosRole.body, "properties.principalId"))).toBe("app.identity.principalId");
    }
  });
});

describe("main.bicep: Cosmos DB", () => {
  // What the order service's collections need, as the Cosmos store declares it (the enums as their JSON values).
  const declared = (collection: Parameters<typeof containerDefinitionOf>[0]) => {
    const { id: _, ...definition } = JSON.parse(JSON.stringify(containerDefinitionOf(collection, collection.name))) as BicepObject;
    return { id: collection.name, ...definition };
  };

  it("is a serverless account", () => {
    expect(get(resource("cosmos").body, "properties.capabilities")).toEqual([{ name: "EnableServerless" }]);
  });

  it("declares a container per collection of the order service, exactly as containerDefinitionOf does (partition key, indexing policy, TTL)", () => {
    expect(get(resource("ordersContainer").body, "properties.resource")).toEqual(declared(ordersCollection));
    expect(get(resource("idempotencyContainer").body, "properties.resource")).toEqual(declared(idempotencyCollection));
    expect(resource("ordersContainer").body.name).toBe(ordersCollection.name);
    expect(resource("idempotencyContainer").body.name).toBe(idempotencyCollection.name);
    for (const symbol of ["ordersContainer", "idempotencyContainer"]) expect(get(resource(symbol).body, "properties.options")).toBeUndefined();
  });

  it("has no container but the collections' and the trigger's leases", () => {
    const containers = template.resources.filter((r) => r.type === "Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers");
    expect(containers.map((r) => r.body.name).sort()).toEqual(["idempotency-keys", "leases", "orders"]);
  });
});
