import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { readTemplate } from "@skyport/cli/checks";
import type { Documents } from "@skyport/core";
import { compileSchemasAtRunTime } from "@skyport/core/schemas";
import { startLocalApp, type LocalApp } from "@skyport/local";
import { openSqliteDocuments } from "@skyport/sqlite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import app from "../src/app.js";
import { notes, type Note } from "../src/notes.js";
import localWiring from "../src/local.js";

const appDir = join(dirname(fileURLToPath(import.meta.url)), "..");
compileSchemasAtRunTime();

/** The local server on SQLite with `env`, and the same file opened as another process would (behind the app's back). */
function serverOnSqlite(env: Record<string, string>) {
  const files = mkdtempSync(join(tmpdir(), "__NAME__-cache-"));
  let local: LocalApp;
  let behind: Documents;
  beforeAll(async () => {
    local = await startLocalApp(app, localWiring, {
      PORT: "0",
      SKYPORT_LOG_LEVEL: "error",
      SKYPORT_SQLITE_PATH: join(files, "notes.db"),
      SKYPORT_QUEUE_PATH: ":memory:",
      SKYPORT_DEAD_LETTER_FILE: join(files, "dead-letters.jsonl"),
      ...env,
    });
    behind = openSqliteDocuments(join(files, "notes.db"));
  });
  afterAll(async () => {
    await behind?.close();
    await local?.close();
    rmSync(files, { recursive: true, force: true });
  });
  const send = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${local.url}${path}`, {
      method,
      ...(body !== undefined && { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
    });
    return { status: response.status, note: (await response.json()) as Note };
  };
  /** A note changed in the store by someone else than the app: only a read of the store sees it. */
  const changeBehind = async (note: Note, text: string) => void (await behind.collection(notes).put({ ...note, text }));
  return { send, changeBehind };
}

describe("GET /notes/{id} with SKYPORT_CACHE=memory reads through the cache", () => {
  const { send, changeBehind } = serverOnSqlite({ SKYPORT_CACHE: "memory" });

  it("answers from the cache once read (a change made behind the app is not seen), and a write through the app replaces the entry at once", async () => {
    const { note } = await send("POST", "/notes", { owner: "ada", text: "v1" });
    expect((await send("GET", `/notes/${note.id}`)).note.text).toBe("v1");
    await changeBehind(note, "changed behind");
    expect((await send("GET", `/notes/${note.id}`)).note.text).toBe("v1");
    expect((await send("PUT", `/notes/${note.id}`, { owner: "ada", text: "v2" })).status).toBe(200);
    expect(await send("GET", `/notes/${note.id}`)).toEqual({ status: 200, note: { ...note, text: "v2" } });
  });
});

describe("GET /notes/{id} without SKYPORT_CACHE (the default) reads the store", () => {
  const { send, changeBehind } = serverOnSqlite({});

  it("sees a change made behind the app at once", async () => {
    const { note } = await send("POST", "/notes", { owner: "ada", text: "v1" });
    await changeBehind(note, "changed behind");
    expect((await send("GET", `/notes/${note.id}`)).note.text).toBe("changed behind");
  });
});

describe("SKYPORT_CACHE=redis", () => {
  it("refuses to start without a redis:// or rediss:// SKYPORT_REDIS_URL, naming the setting and not the value", async () => {
    const start = startLocalApp(app, localWiring, {
      PORT: "0",
      SKYPORT_STORE: "memory",
      SKYPORT_CACHE: "redis",
      SKYPORT_REDIS_URL: "https://user:pw-not-shown@cache.example",
    });
    await expect(start).rejects.toThrow(/SKYPORT_REDIS_URL/);
    await expect(start).rejects.not.toThrow(/pw-not-shown/);
  });
});

/** esbuild's metafile of one output: its inputs and what each imports, and how. */
interface Metafile {
  inputs: Record<string, { imports: { path: string; kind: string; external?: boolean }[] }>;
}

/** The modules a bundle's entry reaches by static imports: what runs at cold start (a dynamic import runs at its call). */
function loadedAtStart(meta: string): string[] {
  const { inputs } = JSON.parse(readFileSync(join(appDir, "dist/meta", `${meta}.json`), "utf8")) as Metafile;
  const entry = Object.keys(inputs).find((input) => input.endsWith(".entry.mjs"))!;
  const reached = new Set([entry]);
  for (const input of reached) {
    for (const { path, kind, external } of inputs[input]?.imports ?? []) if (kind !== "dynamic-import" && !external) reached.add(path);
  }
  return [...reached];
}

describe("the bundles with the cache off", () => {
  it("do not load the Redis client at cold start: every cloud's api bundle and the local server reach @redis/client only through its dynamic import", () => {
    for (const meta of ["aws-api", "gcp-api", "azure", "local"]) {
      const loaded = loadedAtStart(meta);
      expect(
        loaded.some((input) => input.includes("src/services.ts")),
        `${meta} loads the services at start`,
      ).toBe(true);
      expect(
        loaded.filter((input) => input.includes("@redis/")),
        meta,
      ).toEqual([]);
    }
  });
});

/**
 * EC2 actions that take no resource but "*" (AWS's Service Authorization Reference, Amazon EC2:
 * docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html; the Describe actions
 * support no resource-level permissions): the only ones api's role may be granted on "*".
 */
const EC2_ACTIONS_WITHOUT_RESOURCES = ["ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets"];

describe("the deploy templates offer api's cache, off by default", () => {
  type Json = Record<string, unknown>;
  const template = readTemplate(join(appDir, "deploy/aws/template.yaml")) as Json;
  const resources = template.Resources as Record<string, { Type: string; Condition?: string; Properties: Json }>;
  const functions = Object.entries(resources).filter(([, resource]) => resource.Type === "AWS::Serverless::Function");

  it("deploy/aws/template.yaml: no cache unless CacheSubnetIds; then ElastiCache Serverless for api's IAM user alone, api in its VPC", () => {
    expect((template.Parameters as Record<string, Json>).CacheSubnetIds).toMatchObject({ Type: "CommaDelimitedList", Default: "" });
    const cacheParts = Object.entries(resources).filter(([, resource]) => /ElastiCache|EC2::SecurityGroup/.test(resource.Type));
    expect(cacheParts.map(([id]) => id).sort()).toEqual([
      "ApiSecurityGroup",
      "ApiToCacheEgress",
      "CacheDefaultUser",
      "CacheSecurityGroup",
      "CacheUser",
      "CacheUserGroup",
      "NotesCache",
    ]);
    for (const [id, resource] of cacheParts) expect(resource.Condition, id).toBe("CacheOn");
    for (const [id, { Properties }] of functions) {
      const variables = ((Properties.Environment as Json | undefined)?.Variables ?? {}) as Json;
      if (id === "ApiFunction") {
        expect(variables.SKYPORT_CACHE).toEqual({ "Fn::If": ["CacheOn", "redis", "none"] });
        // Signed in to as CacheUser (the URL's user) with ElastiCache's token for the cache's name (src/aws.ts).
        expect(JSON.stringify(variables.SKYPORT_REDIS_URL)).toContain("rediss://${CacheUser}@${NotesCache.Endpoint.Address}");
        expect(variables.SKYPORT_REDIS_AUTH).toEqual({ "Fn::If": ["CacheOn", "elasticache-iam", { Ref: "AWS::NoValue" }] });
        expect(variables.SKYPORT_REDIS_CACHE_NAME).toEqual({ "Fn::If": ["CacheOn", { Ref: "NotesCache" }, { Ref: "AWS::NoValue" }] });
        expect(JSON.stringify(Properties.VpcConfig)).toContain("CacheOn");
      } else {
        expect([variables.SKYPORT_CACHE, Properties.VpcConfig], id).toEqual([undefined, undefined]);
      }
    }
    // It admits only its user group's users: api's IAM-mode user (its name its id), and a default user that is off.
    expect(resources.NotesCache!.Properties.UserGroupId).toEqual({ Ref: "CacheUserGroup" });
    expect(resources.CacheUserGroup!.Properties.UserIds).toEqual([{ Ref: "CacheDefaultUser" }, { Ref: "CacheUser" }]);
    const user = resources.CacheUser!.Properties;
    expect(user.AuthenticationMode).toEqual({ Type: "iam" });
    expect(user.UserName).toEqual(user.UserId);
    expect(user).not.toHaveProperty("Passwords");
    const fallback = resources.CacheDefaultUser!.Properties;
    expect([fallback.UserName, fallback.AccessString]).toEqual(["default", "off -@all"]);
    expect(fallback).not.toHaveProperty("Passwords");
  });

  it("deploy/aws/template.yaml: api's interfaces in the cache's VPC only, '*' only for EC2 actions without a resource, Connect on cache and user", () => {
    const api = functions.find(([id]) => id === "ApiFunction")![1].Properties;
    const statements = (api.Policies as Json[])
      .flatMap((policy) => ((policy["Fn::If"] as [string, Json] | undefined)?.[1]?.Statement ?? []) as Json[])
      .map((statement) => ({ actions: [statement.Action].flat() as string[], resources: [statement.Resource].flat(), condition: statement.Condition }));
    expect(statements.flatMap((s) => s.actions).sort()).toEqual([
      "ec2:AssignPrivateIpAddresses",
      "ec2:CreateNetworkInterface",
      "ec2:DeleteNetworkInterface",
      "ec2:DescribeNetworkInterfaces",
      "ec2:DescribeSubnets",
      "ec2:UnassignPrivateIpAddresses",
      "elasticache:Connect",
    ]);
    for (const statement of statements) {
      if (statement.resources.includes("*")) expect(EC2_ACTIONS_WITHOUT_RESOURCES).toEqual(expect.arrayContaining(statement.actions));
      else if (statement.actions.includes("elasticache:Connect"))
        // Signing in as CacheUser on this cache, the two resources ElastiCache's IAM authentication checks, and nothing else.
        expect(statement.resources).toEqual([{ "Fn::GetAtt": ["NotesCache", "ARN"] }, { "Fn::GetAtt": ["CacheUser", "Arn"] }]);
      else expect(JSON.stringify(statement.condition)).toContain("vpc/${CacheVpcId}");
    }
  });

  it("deploy/azure/main.bicep: no cache unless cache=true; then Managed Redis without access keys, the identity given its access policy, no secret", () => {
    const bicep = readFileSync(join(appDir, "deploy/azure/main.bicep"), "utf8");
    expect(bicep).toMatch(/^param cache bool = false$/m);
    const cacheResources = [...bicep.matchAll(/^resource (\w+) '(Microsoft\.Cache\/[^']+)' = (if \(cache\) )?\{/gm)];
    expect(cacheResources.map(([, name, , condition]) => [name, condition])).toEqual([
      ["redis", "if (cache) "],
      ["redisDatabase", "if (cache) "],
      ["redisAccess", "if (cache) "],
    ]);
    expect(bicep).toContain("accessKeysAuthentication: 'Disabled'");
    expect(bicep).toMatch(/accessPolicyName: 'default'\s+user: \{ objectId: app\.identity\.principalId \}/);
    expect(bicep).not.toMatch(/listKeys|accessKeys\./);
    expect(bicep).toContain("{ name: 'SKYPORT_REDIS_AUTH', value: 'entra-id' }");
  });
});
