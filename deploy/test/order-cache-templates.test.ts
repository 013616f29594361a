import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readTemplate, type JsonObject } from "../aws/verify/cloudformation-yaml.js";
import { Expression, parseBicep, type BicepObject } from "../azure/verify/bicep-template.js";

// The order cache on AWS and Azure (issue 27), off by default, as deploy/gcp/deploy.sh --cache-secret offers it on Google Cloud.
const here = dirname(fileURLToPath(import.meta.url));
/** Every function that reads or writes orders keeps the cache right; the outbox reads change events only. */
const WITH_ORDERS = ["HttpFunction", "QueueFunction", "CleanupFunction", "ShipFunction", "ImportFunction"];

describe("deploy/aws/template.yaml: the order cache, off unless CacheSubnetIds is given", () => {
  const template = readTemplate(join(here, "../aws/template.yaml"));
  const resources = template.Resources as Record<string, JsonObject>;
  const props = (id: string) => resources[id]!.Properties as JsonObject;

  it("makes the cache, its security groups and its network grants under the CacheOn condition only", () => {
    expect((template.Parameters as Record<string, JsonObject>).CacheSubnetIds).toMatchObject({ Type: "CommaDelimitedList", Default: "" });
    const cacheParts = Object.entries(resources).filter(([, r]) => /ElastiCache|EC2::SecurityGroup|IAM::Policy$/.test(String(r.Type)));
    expect(cacheParts.map(([id]) => id).sort()).toEqual([
      "OrderFunctionsSecurityGroup",
      "OrderFunctionsToCacheEgress",
      "OrdersCache",
      "OrdersCacheConnectPolicy",
      "OrdersCacheDefaultUser",
      "OrdersCacheNetworkPolicy",
      "OrdersCacheSecurityGroup",
      "OrdersCacheUser",
      "OrdersCacheUserGroup",
    ]);
    for (const [id, r] of cacheParts) expect(r.Condition, id).toBe("CacheOn");
    // The cache admits the order functions' security group alone.
    expect((props("OrdersCacheSecurityGroup").SecurityGroupIngress as JsonObject[]).map((rule) => rule.SourceSecurityGroupId)).toEqual([
      { Ref: "OrderFunctionsSecurityGroup" },
    ]);
  });

  it("admits only the users of its user group: the functions' IAM-mode user (its name its id), and a default user that is off", () => {
    expect(props("OrdersCache").UserGroupId).toEqual({ Ref: "OrdersCacheUserGroup" });
    expect(props("OrdersCacheUserGroup").UserIds).toEqual([{ Ref: "OrdersCacheDefaultUser" }, { Ref: "OrdersCacheUser" }]);
    const user = props("OrdersCacheUser");
    expect(user.AuthenticationMode).toEqual({ Type: "iam" });
    expect(user.UserName).toEqual(user.UserId);
    expect(user).not.toHaveProperty("Passwords");
    const fallback = props("OrdersCacheDefaultUser");
    expect([fallback.UserName, fallback.AccessString]).toEqual(["default", "off -@all"]);
    expect(fallback).not.toHaveProperty("Passwords");
  });

  it("gives each function that reads or writes orders SKYPORT_CACHE=redis, the URL as the IAM user, its sign-in and the subnets; the outbox none", () => {
    for (const id of WITH_ORDERS) {
      const variables = (props(id).Environment as JsonObject).Variables as JsonObject;
      expect(variables.SKYPORT_CACHE, id).toEqual({ "Fn::If": ["CacheOn", "redis", "none"] });
      expect(JSON.stringify(variables.SKYPORT_REDIS_URL), id).toContain("rediss://${OrdersCacheUser}@${OrdersCache.Endpoint.Address}");
      expect(variables.SKYPORT_REDIS_AUTH, id).toEqual({ "Fn::If": ["CacheOn", "elasticache-iam", { Ref: "AWS::NoValue" }] });
      // The token signs the cache's name (adapters/redis, elastiCacheIamFromEnv), not its endpoint.
      expect(variables.SKYPORT_REDIS_CACHE_NAME, id).toEqual({ "Fn::If": ["CacheOn", { Ref: "OrdersCache" }, { Ref: "AWS::NoValue" }] });
      expect(JSON.stringify(props(id).VpcConfig), id).toContain('"CacheOn"');
    }
    const outbox = JSON.stringify(props("OutboxFunction"));
    expect(outbox).not.toMatch(/SKYPORT_CACHE|VpcConfig/);
  });
});

describe("deploy/azure/main.bicep: the order cache, off unless cache=true", () => {
  const template = parseBicep(readFileSync(join(here, "../azure/main.bicep"), "utf8"));
  const cacheResources = template.resources.filter((r) => r.type.startsWith("Microsoft.Cache/"));
  const app = template.resources.find((r) => r.symbol === "app")!;
  const appSettings = ((app.body.properties as BicepObject).siteConfig as BicepObject).appSettings as BicepObject[];
  const settings = new Map(appSettings.map((s) => [s.name as string, s.value instanceof Expression ? s.value.text : s.value]));

  it("makes Azure Managed Redis without access keys, and assigns the app's identity its database's access policy, when cache=true only", () => {
    expect(template.parameters.get("cache")).toMatchObject({ type: "bool", default: false });
    expect(cacheResources.map((r) => [r.symbol, r.condition])).toEqual([
      ["redis", "cache"],
      ["redisDatabase", "cache"],
      ["redisAccess", "cache"],
    ]);
    expect((cacheResources[1]!.body.properties as BicepObject).accessKeysAuthentication).toBe("Disabled");
    const access = cacheResources[2]!.body.properties as BicepObject;
    expect(access.accessPolicyName).toBe("default");
    expect(((access.user as BicepObject).objectId as Expression).text).toBe("app.identity.principalId");
  });

  it("sets the cache's settings with no secret in them: the URL of its TLS endpoint, and Entra ID sign-in", () => {
    expect(settings.get("SKYPORT_CACHE")).toBe("cache ? 'redis' : 'none'");
    expect(settings.get("SKYPORT_REDIS_URL")).toBe("cache ? 'rediss://${redis.properties.hostName}:10000' : ''");
    expect(settings.get("SKYPORT_REDIS_AUTH")).toBe("cache ? 'entra-id' : 'password'");
    expect(readFileSync(join(here, "../azure/main.bicep"), "utf8")).not.toMatch(/listKeys\(redis|accessKeys\./);
  });
});
